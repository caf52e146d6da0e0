namespace CcTsa.ControlPlane.EventStore.Sqlite;

/// <summary>DDL of the embedded log: the events table, the Merkle tree rows over them, and the triggers that make both append-only.</summary>
internal static class SqliteSchema
{
    public const string Create = $"""
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS events (
            seq       INTEGER PRIMARY KEY,
            ts        INTEGER NOT NULL,  -- Unix microseconds, UTC
            type      TEXT    NOT NULL,  -- EventCodec alias
            data      TEXT    NOT NULL,  -- canonical JSON: exactly the bytes hashed
            prev_hash TEXT    NOT NULL,
            hash      TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_events_type ON events(type, seq);
        CREATE INDEX IF NOT EXISTS ix_events_ts ON events(ts);
        -- the audit query by type and time (SqliteEventLog.SelectAsync); IF NOT EXISTS builds it once in an existing log
        CREATE INDEX IF NOT EXISTS ix_events_type_ts ON events(type, ts);
        CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, '{StoreErrors.AppendOnlyMarker}'); END;
        CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, '{StoreErrors.AppendOnlyMarker}'); END;
        {SqliteLogTree.Ddl}
        """;
}
