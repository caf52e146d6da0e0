using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;
using Microsoft.Data.Sqlite;

namespace CcTsa.ControlPlane.Tests.TransparencyLog;

/// <summary>The tree conformance suite on the embedded SQLite log.</summary>
public sealed class SqliteLogTreeTests : LogTreeConformance
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-tree-" + Guid.NewGuid().ToString("N"));

    protected override async Task<IEventLog> OpenAsync() => await SqliteEventLog.OpenAsync(_dir);

    protected override Task DropTreeAsync() => ExecuteAsync("DROP TABLE log_tree");

    protected override string UpdateTreeSql => "UPDATE log_tree SET hash = x'00' WHERE level = 4 AND idx = 0";

    protected override string InsertTreeRowSql(TreeNodeKey key, Sha256Hash hash) =>
        $"INSERT INTO log_tree (level, idx, hash) VALUES ({key.Level}, {key.Index}, x'{hash.Hex}')";

    protected override string UnstoredLevelsSql => $"SELECT COUNT(*) FROM log_tree WHERE level < {TreeLayout.LowestStoredLevel} OR level % {TreeLayout.LevelStride} <> 0";

    protected override async Task<long> CountSql(string sql)
    {
        await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, SqliteEventLog.FileName), Pooling = false }.ToString());
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    protected override async Task ExecuteAsync(string sql)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_dir, SqliteEventLog.FileName), Pooling = false }.ToString();
        await using var c = new SqliteConnection(cs);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
