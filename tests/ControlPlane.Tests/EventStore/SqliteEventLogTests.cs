using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CcTsa.ControlPlane.Tests.EventStore;

/// <summary>The conformance suite on the embedded SQLite log (a fresh temp data dir per test).</summary>
public sealed class SqliteEventLogTests(ITestOutputHelper output) : EventLogConformance(output)
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-test-" + Guid.NewGuid().ToString("N"));

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, SqliteEventLog.FileName), Pooling = false }.ToString();

    protected override async Task<IEventLog> OpenAsync() => await SqliteEventLog.OpenAsync(_dir);

    protected override string UpdateSql => "UPDATE events SET type = 'node_lost' WHERE seq = 2";
    protected override string DeleteSql => "DELETE FROM events WHERE seq = 2";
    protected override string[] StoreArgs => ["--data", _dir];

    protected override async Task ExecuteAsync(string sqlForStore)
    {
        await using var c = new SqliteConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sqlForStore;
        await cmd.ExecuteNonQueryAsync();
    }

    protected override Task TamperAsync(long sequence) => ExecuteAsync(
        "DROP TRIGGER events_no_update; " +
        $"UPDATE events SET data = replace(data, '\"provider\":\"azure\"', '\"provider\":\"evil\"') WHERE seq = {sequence};");

    protected override Task TruncateAfterAsync(long sequence) => ExecuteAsync(
        $"DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq > {sequence};");

    [Theory]
    [InlineData("token_issued", true, true, "COVERING INDEX ix_events_type_ts")]
    [InlineData("token_issued", true, false, "COVERING INDEX ix_events_type_ts")]
    [InlineData(null, false, true, "COVERING INDEX ix_events_ts")]
    [InlineData("token_issued", false, false, "INDEX ix_events_type (type=? AND seq>?)")]
    public async Task Audit_query_is_planned_on_an_index_that_bounds_the_window(string? type, bool from, bool to, string index)
    {
        await using (var log = await SqliteEventLog.OpenAsync(_dir)) await log.AppendAsync(SampleEvents.Scenario());
        var filter = new EventFilter(type, from ? SampleEvents.T0 : null, to ? SampleEvents.T0.AddDays(1) : null);
        await using var c = new SqliteConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + SqliteEventLog.SelectSql(filter);
        foreach (var p in new[] { "$after", "$type", "$from", "$to", "$limit" }.Where(cmd.CommandText.Contains))
            cmd.Parameters.AddWithValue(p, p == "$type" ? type : 1L);
        var plan = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(3));
        Output.WriteLine(string.Join("\n", plan));
        Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opening_a_log_written_before_the_time_index_adds_it()
    {
        Directory.CreateDirectory(_dir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-log-v1.sqlite"), Path.Combine(_dir, SqliteEventLog.FileName));
        Assert.Empty(await IndexesAsync("ix_events_type_ts"));
        await using (var log = await SqliteEventLog.OpenAsync(_dir))
            Assert.True((await log.VerifyChainAsync()).Ok);
        Assert.Single(await IndexesAsync("ix_events_type_ts"));
    }

    private async Task<List<string>> IndexesAsync(string name)
    {
        await using var c = new SqliteConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND name = $n";
        cmd.Parameters.AddWithValue("$n", name);
        var names = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) names.Add(r.GetString(0));
        return names;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
