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

    [Fact]
    public async Task Audit_query_indexes_are_added_to_an_existing_log_once_and_can_serve_the_window()
    {
        await using (var log = await OpenAsync()) await log.AppendAsync(SampleEvents.Scenario());
        await ExecuteAsync($"DROP INDEX {_schema}.{MartenSetup.TypeTimeIndex}; DROP INDEX {_schema}.{MartenSetup.TimeIndex}"); // a log from before them
        await using (await OpenAsync()) { }
        var oids = await ScalarAsync($"SELECT '{_schema}.{MartenSetup.TypeTimeIndex}'::regclass::oid::text || ' ' || '{_schema}.{MartenSetup.TimeIndex}'::regclass::oid::text");
        await using var reopened = (MartenEventLog)await OpenAsync();
        Assert.Equal(oids, await ScalarAsync($"SELECT '{_schema}.{MartenSetup.TypeTimeIndex}'::regclass::oid::text || ' ' || '{_schema}.{MartenSetup.TimeIndex}'::regclass::oid::text")); // neither dropped by Marten's schema update nor rebuilt

        // on a few dozen rows a scan in version order is cheapest; with only bitmap scans allowed the planner shows which index bounds type + time
        await using var c = new NpgsqlConnection(_cs);
        await c.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off; SET enable_indexscan = off", c)) await off.ExecuteNonQueryAsync();
        await using var explain = reopened.SelectCommand(0, 101, new EventFilter("token_issued", SampleEvents.T0, SampleEvents.T0.AddDays(1)));
        explain.Connection = c;
        explain.CommandText = "EXPLAIN " + explain.CommandText;
        var plan = new List<string>();
        await using (var r = await explain.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(0));
        Output.WriteLine(string.Join("\n", plan));
        Assert.Contains(plan, step => step.Contains($"Bitmap Index Scan on {MartenSetup.TypeTimeIndex}", StringComparison.Ordinal)
            || step.Contains($"Bitmap Index Scan on {MartenSetup.TimeIndex}", StringComparison.Ordinal));
    }

    // appends bypass Marten's quick-append function (MartenEventRows): Marten's own reader must still
    // see one stream whose version is the sequence, with the hashed headers, in the order of the chain
    [Fact]
    public async Task Set_based_appends_leave_a_stream_that_Martens_own_reader_sees_as_the_chain()
    {
        await using var log = (MartenEventLog)await OpenAsync();
        await log.AppendAsync(SampleEvents.Scenario());
        await log.AppendAsync([.. Enumerable.Range(1, 40).Select(i => SampleEvents.Token(i))]);
        var head = await log.HeadAsync();
        await using var query = log.Store.QuerySession();
        var state = await query.Events.FetchStreamStateAsync(MartenEventLog.StreamId);
        Assert.NotNull(state);
        Assert.Equal(head.Sequence, state.Version);
        var events = await query.Events.FetchStreamAsync(MartenEventLog.StreamId);
        var envelopes = await ToListAsync(log.ReadAllAsync());
        Assert.Equal(envelopes.Select(e => e.Sequence), events.Select(e => e.Version));
        Assert.Equal(envelopes.Select(e => e.Hash.Hex), events.Select(e => (string)e.Headers![MartenSetup.HashHeader].ToString()!));
        Assert.Equal(envelopes.Select(e => e.Data.GetType()), events.Select(e => e.Data.GetType()));
        Assert.Equal(envelopes.Select(e => e.Timestamp), events.Select(e => HashChain.Normalize(e.Timestamp)));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "seq_id follows the chain");
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var c = new NpgsqlConnection(_cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    public override async Task DisposeAsync()
    {
        if (_cs.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }
}
