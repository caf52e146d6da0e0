using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using CcTsa.Testing;
using Npgsql;

namespace CcTsa.ControlPlane.Tests.Projections;

/// <summary>
/// The history of the 58ddb92 log (Fixtures/legacy-log-v1.sqlite), appended to a PostgreSQL log,
/// folds into the same read model as the SQLite file: one read model, both stores, old events too.
/// </summary>
public sealed class LegacyHistoryOnMartenTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-legacy-pg-" + Guid.NewGuid().ToString("N"));
    private readonly string _schema = "l_" + Guid.NewGuid().ToString("N")[..16];
    private string _cs = "";

    public async Task InitializeAsync() => _cs = await TestServices.PostgresAsync();

    [Fact]
    public async Task The_old_history_gives_the_same_read_model_in_postgres_as_in_sqlite()
    {
        Directory.CreateDirectory(_dir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-log-v1.sqlite"), Path.Combine(_dir, SqliteEventLog.FileName));
        await using var sqlite = await SqliteEventLog.OpenAsync(_dir);
        await using var marten = await MartenEventLog.OpenAsync(_cs, _schema);
        var history = new List<object>();
        await foreach (var e in sqlite.ReadAllAsync()) history.Add(e.Data);
        // in the order and grouping of a live system: one append per event
        foreach (var e in history) await marten.AppendAsync([e]);

        var fromSqlite = await LiveProjections.AttachAsync(sqlite);
        var fromMarten = await LiveProjections.AttachAsync(marten);

        Assert.Equal(198, fromMarten.Current.Sequence);
        Assert.Equal(ProjectionJson.Of(fromSqlite.Current), ProjectionJson.Of(fromMarten.Current));
        Assert.Equal(57, fromMarten.Current.Tokens.Count);
        Assert.Equal(6, fromMarten.Current.Incidents.ById.Count);

        // new events with the typed context go on the same chain, and both chains still verify
        var id = IncidentId.New();
        IReadOnlyList<NodeId>[] sides = [[NodeId.Parse("n1")], [NodeId.Parse("n2"), NodeId.Parse("n3")]];
        await marten.AppendAsync([new IncidentOpened(id, "partition", "split", [], DateTimeOffset.UtcNow, new KeyEpoch(2), sides, null),
            new ChecklistTokenRecorded(id, new KeyEpoch(2), [1, 2], [0x30, 0x00], DateTimeOffset.UtcNow)]);
        Assert.True((await marten.VerifyChainAsync()).Ok);
        Assert.True((await sqlite.VerifyChainAsync()).Ok);
        Assert.Equal(new KeyEpoch(2), fromMarten.Current.Incidents.ById[id.ToString()].EpochAtOpen);
        Assert.Equal(3, fromMarten.Current.Incidents.ById[id.ToString()].PartitionSides.Sum(g => g.Count));
        Assert.Equal(5, fromMarten.Current.Incidents.TestTokens.Count);
    }

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        if (_cs.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(_cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
    }
}
