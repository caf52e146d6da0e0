using System.Text;
using CcTsa.Contracts.Events;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CcTsa.ControlPlane.EventStore.Sqlite;

/// <summary>
/// A group-commit batch's hashed events into the events table through ONE statement prepared per
/// batch on the writer's handle, its six values bound by position, stepped and reset per event.
/// Microsoft.Data.Sqlite re-binds every parameter by name at each execution (a linear
/// sqlite3_bind_parameter_index per parameter: a multi-row INSERT spent a tenth of the process in
/// strncmp) and adds a task per statement; the data column is bound from the canonical UTF-8 bytes
/// themselves, so what is stored is exactly what was hashed without a string in between. Runs
/// inside the caller's transaction (same connection); a failed step throws the
/// <see cref="SqliteException"/> Microsoft.Data.Sqlite would, so <see cref="StoreErrors"/> reads it the same.
/// </summary>
internal static class SqliteEventRows
{
    private const string InsertSql = "INSERT INTO events (seq, ts, type, data, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    /// <summary>Inserts <paramref name="envelopes"/> (hashed, in order) with <paramref name="batch"/>'s canonical bytes.</summary>
    public static void Insert(SqliteConnection connection, IReadOnlyList<EncodedEvent> batch, IReadOnlyList<EventEnvelope> envelopes)
    {
        if (batch.Count != envelopes.Count) throw new ArgumentException($"{envelopes.Count} envelopes for {batch.Count} events.", nameof(envelopes));
        var db = connection.Handle ?? throw new InvalidOperationException("The event log's writer connection is not open.");
        Check(raw.sqlite3_prepare_v2(db, InsertSql, out var stmt), db);
        using (stmt)
        {
            Span<byte> hex = stackalloc byte[64];
            for (var i = 0; i < batch.Count; i++)
            {
                var e = envelopes[i];
                Check(raw.sqlite3_bind_int64(stmt, 1, e.Sequence), db);
                Check(raw.sqlite3_bind_int64(stmt, 2, HashChain.ToUnixMicroseconds(e.Timestamp)), db);
                Check(raw.sqlite3_bind_text(stmt, 3, e.Type), db);
                Check(raw.sqlite3_bind_text(stmt, 4, batch[i].Utf8.Span), db);
                Check(raw.sqlite3_bind_text(stmt, 5, Ascii(e.PrevHash.Hex, hex)), db);
                Check(raw.sqlite3_bind_text(stmt, 6, Ascii(e.Hash.Hex, hex)), db);
                var rc = raw.sqlite3_step(stmt);
                if (rc != raw.SQLITE_DONE) Check(rc, db);
                Check(raw.sqlite3_reset(stmt), db);
            }
        }
    }

    // SQLite copies a bound value (SQLITE_TRANSIENT), so one stack buffer serves both hashes
    private static ReadOnlySpan<byte> Ascii(string hex, Span<byte> buffer)
    {
        var n = Encoding.ASCII.GetBytes(hex, buffer);
        return buffer[..n];
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }
}
