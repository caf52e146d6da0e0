using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Tests.EventStore;
using CcTsa.Testing;
using Npgsql;

namespace CcTsa.ControlPlane.Tests.Projections;

/// <summary>
/// The same history in both stores gives the same projection state (same types, same fold), and
/// the live in-memory projections equal the full fold of the store.
/// </summary>
public sealed class ProjectionsAcrossStoresTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-proj-" + Guid.NewGuid().ToString("N"));
    private readonly string _schema = "p_" + Guid.NewGuid().ToString("N")[..16];
    private string _cs = "";

    public async Task InitializeAsync() => _cs = await TestServices.PostgresAsync();

    [Fact]
    public async Task Projections_are_equal_across_sqlite_and_marten()
    {
        var events = SampleEvents.Scenario();
        await using var sqlite = await SqliteEventLog.OpenAsync(_dir);
        await using var marten = await MartenEventLog.OpenAsync(_cs, _schema);
        await sqlite.AppendAsync(events);
        await marten.AppendAsync(events);

        await AssertSameAsync<ClusterHealth>(sqlite, marten);
        await AssertSameAsync<KeyEpochs>(sqlite, marten);
        await AssertSameAsync<Certificates>(sqlite, marten);
        await AssertSameAsync<Incidents>(sqlite, marten);
    }

    [Fact]
    public async Task The_live_read_model_is_the_same_over_sqlite_and_marten()
    {
        var events = SampleEvents.Scenario();
        await using var sqlite = await SqliteEventLog.OpenAsync(_dir);
        await using var marten = await MartenEventLog.OpenAsync(_cs, _schema);
        // half before attaching (folded from the log), half after (fed by the commit subscription)
        var half = events.Count / 2;
        await sqlite.AppendAsync(events.Take(half).ToList());
        await marten.AppendAsync(events.Take(half).ToList());
        var fromSqlite = await LiveProjections.AttachAsync(sqlite);
        var fromMarten = await LiveProjections.AttachAsync(marten);
        await sqlite.AppendAsync(events.Skip(half).ToList());
        await marten.AppendAsync(events.Skip(half).ToList());

        Assert.Equal(events.Count, fromSqlite.Current.Sequence);
        Assert.Equal(ProjectionJson.Of(fromSqlite.Current), ProjectionJson.Of(fromMarten.Current));
        Assert.Equal(4, fromMarten.Current.Tokens.Count);
    }

    private static async Task AssertSameAsync<T>(IEventLog sqlite, MartenEventLog marten) where T : class, new()
    {
        var fromSqlite = await ProjectionFolder.FoldAsync<T>(sqlite.ReadAllAsync());
        var fromMarten = await ProjectionFolder.FoldAsync<T>(marten.ReadAllAsync());
        Assert.Equal(ProjectionJson.Of(fromSqlite), ProjectionJson.Of(fromMarten));
        Assert.NotEqual(ProjectionJson.Of(new T()), ProjectionJson.Of(fromSqlite));
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
