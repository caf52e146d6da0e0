using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.Testing;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;
using Npgsql;

namespace CcTsa.ControlPlane.Tests.TransparencyLog;

/// <summary>The tree conformance suite on Marten/PostgreSQL (a fresh schema per test, dropped afterwards).</summary>
public sealed class MartenLogTreeTests : LogTreeConformance
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
    private string _cs = "";

    public override async Task InitializeAsync() => _cs = await TestServices.PostgresAsync();

    protected override async Task<IEventLog> OpenAsync() => await MartenEventLog.OpenAsync(_cs, _schema);

    protected override Task DropTreeAsync() => ExecuteAsync($"DROP TABLE {_schema}.cctsa_log_tree");

    protected override string UpdateTreeSql => $"UPDATE {_schema}.cctsa_log_tree SET hash = '\\x00' WHERE level = 4 AND idx = 0";

    protected override string InsertTreeRowSql(TreeNodeKey key, Sha256Hash hash) =>
        $"INSERT INTO {_schema}.cctsa_log_tree (level, idx, hash) VALUES ({key.Level}, {key.Index}, '\\x{hash.Hex}')";

    protected override string UnstoredLevelsSql => $"SELECT COUNT(*) FROM {_schema}.cctsa_log_tree WHERE level < {TreeLayout.LowestStoredLevel} OR level % {TreeLayout.LevelStride} <> 0";

    protected override async Task<long> CountSql(string sql)
    {
        await using var c = new NpgsqlConnection(_cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var c = new NpgsqlConnection(_cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_cs.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }
}
