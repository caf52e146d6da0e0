using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Tables;

namespace CcTsa.ControlPlane.EventStore.Marten;

/// <summary>
/// Marten configuration for the audit log: the codec's JSON options (a copy, Marten may add to
/// it), the codec's aliases as Marten event type names, headers on, client timestamps (Quick
/// append) and the append-only trigger. Marten owns the schema (mt_events, mt_streams, the
/// sequence); the log's appends write those rows set-based itself (MartenEventRows). No Marten projection is registered, on purpose: the
/// control plane has one read model for both stores, Projections/LiveProjections, fed by the same
/// fold from this log's commits and tail reads as from SQLite's (Marten 9 refuses an aggregate type
/// that has both conventional Apply methods and an Evolve override, and only source-generates
/// dispatch for mutable Id-bearing types, so a Marten-side projection would be a second copy).
/// </summary>
public static class MartenSetup
{
    public const string DefaultSchema = "cctsa";
    public const string PrevHeader = "prev";
    public const string HashHeader = "hash";
    public const string TimeHeader = "ts";

    /// <summary>pg_advisory_xact_lock key serializing appenders (ASCII "cctsaLOG").</summary>
    public const long AppendLockKey = 0x6363747361_4C4F47;

    public static async Task<DocumentStore> CreateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        if (!IsIdentifier(schema)) throw new ArgumentException("Schema must be a lower-case SQL identifier.", nameof(schema));
        var store = new DocumentStore(Configure(dataSource, schema));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
        await using var conn = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(TriggerDdl(schema), conn);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return store;
    }

    public static StoreOptions Configure(NpgsqlDataSource dataSource, string schema)
    {
        var o = new StoreOptions();
        o.Connection(dataSource);
        o.DatabaseSchemaName = schema;
        o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        o.UseSystemTextJsonForSerialization(new JsonSerializerOptions(EventCodec.Options), EnumStorage.AsString, Casing.CamelCase);
        o.Events.AppendMode = EventAppendMode.Quick;
        o.Events.MetadataConfig.HeadersEnabled = true;
        foreach (var (type, alias) in EventCodec.Aliases)
            o.Events.MapEventType(type, alias);
        DeclareQueryIndexes(o);
        return o;
    }

    /// <summary>
    /// Indexes for the audit query by type and store time (MartenEventLog.SelectCommand): Marten
    /// creates none on mt_events.type or timestamp, so every filtered read was a sequential scan.
    /// They are declared on Marten's own mt_events definition (its schema objects are built once per
    /// options and cached) rather than created beside it, because the schema update drops any index
    /// it does not know and would rebuild them at every open; declared, the update creates them once
    /// in an existing log and keeps them. Must run after every other event option, which the table reflects.
    /// </summary>
    internal static void DeclareQueryIndexes(StoreOptions o)
    {
        var events = ((IFeatureSchema)o.Events).Objects.OfType<Table>().Single(t => t.Identifier.Name == "mt_events");
        events.Indexes.Add(new IndexDefinition(TypeTimeIndex) { Columns = ["type", "timestamp"] });
        events.Indexes.Add(new IndexDefinition(TimeIndex) { Columns = ["timestamp"] });
    }

    public const string TypeTimeIndex = "cctsa_events_type_ts";
    public const string TimeIndex = "cctsa_events_ts";

    private static bool IsIdentifier(string s) =>
        s.Length is > 0 and <= 63 && char.IsAsciiLetterLower(s[0]) && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static string TriggerDdl(string schema) => $"""
        CREATE OR REPLACE FUNCTION {schema}.cctsa_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN RAISE EXCEPTION '{StoreErrors.AppendOnlyMarker}'; END $f$;
        DROP TRIGGER IF EXISTS cctsa_append_only ON {schema}.mt_events;
        CREATE TRIGGER cctsa_append_only BEFORE UPDATE OR DELETE ON {schema}.mt_events
            FOR EACH ROW EXECUTE FUNCTION {schema}.cctsa_refuse_change();
        DROP TRIGGER IF EXISTS cctsa_no_truncate ON {schema}.mt_events;
        CREATE TRIGGER cctsa_no_truncate BEFORE TRUNCATE ON {schema}.mt_events
            FOR EACH STATEMENT EXECUTE FUNCTION {schema}.cctsa_refuse_change();
        {MartenLogTree.Ddl(schema)}
        """;
}
