using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace CcTsa.ControlPlane.Tests.EventStore;

/// <summary>The conformance suite on Marten/PostgreSQL (a fresh schema per test, dropped afterwards).</summary>
public sealed class MartenEventLogTests(ITestOutputHelper output) : EventLogConformance(output)
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
    private string _cs = "";

    public override async Task InitializeAsync() => _cs = await TestServices.PostgresAsync();

    protected override async Task<IEventLog> OpenAsync() => await MartenEventLog.OpenAsync(_cs, _schema);

    protected override string UpdateSql => $"UPDATE {_schema}.mt_events SET type = 'node_lost' WHERE version = 2";
    protected override string DeleteSql => $"DELETE FROM {_schema}.mt_events WHERE version = 2";
    protected override string[] StoreArgs => ["--pg", _cs, "--schema", _schema];

    protected override async Task ExecuteAsync(string sqlForStore)
    {
        await using var c = new NpgsqlConnection(_cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sqlForStore, c);
        await cmd.ExecuteNonQueryAsync();
    }

    // as a superuser would: switch the trigger off, alter the row, switch it back on
    protected override Task TamperAsync(long sequence) => ExecuteAsync(
        $"ALTER TABLE {_schema}.mt_events DISABLE TRIGGER cctsa_append_only; " +
        $"UPDATE {_schema}.mt_events SET data = jsonb_set(data, '{{provider}}', '\"evil\"') WHERE version = {sequence}; " +
        $"ALTER TABLE {_schema}.mt_events ENABLE TRIGGER cctsa_append_only;");

    protected override Task TruncateAfterAsync(long sequence) => ExecuteAsync(
        $"ALTER TABLE {_schema}.mt_events DISABLE TRIGGER cctsa_append_only; " +
        $"DELETE FROM {_schema}.mt_events WHERE version > {sequence}; " +
        $"ALTER TABLE {_schema}.mt_events ENABLE TRIGGER cctsa_append_only;");

    public override async Task DisposeAsync()
    {
        if (_cs.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }
}
