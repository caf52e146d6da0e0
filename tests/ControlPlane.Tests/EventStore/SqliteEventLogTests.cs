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

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
