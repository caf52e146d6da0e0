using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// Two control planes on one PostgreSQL log see the same fleet (issue 19): only the advisory-lock
/// leader records what it observes, so each fact is in the log once; a follower keeps its own view
/// (/readyz, /api/cluster) without writing; a new leader records the cluster state it sees when
/// the log — its predecessor — says otherwise.
/// </summary>
public sealed class TwoControlPlaneObservationTests : IAsyncLifetime
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
    // a lock of its own: other tests and processes on this PostgreSQL use the default key
    private readonly long _lockKey = Random.Shared.NextInt64(1, long.MaxValue);
    private string _cs = "";

    public async Task InitializeAsync() => _cs = await TestServices.PostgresAsync();

    [Fact]
    public async Task Only_the_leader_records_observations_and_a_new_leader_records_the_state_it_sees()
    {
        await using var one = await Plane.StartAsync(_cs, _schema, _lockKey);
        await using var two = await Plane.StartAsync(_cs, _schema, _lockKey);
        Assert.True(await one.Leadership.TryAcquireAsync());
        Assert.False(await two.Leadership.TryAcquireAsync());
        Assert.True(one.State.RecordsObservations);
        Assert.False(two.State.RecordsObservations);

        var lost = new NodeLost(NodeId.FromIndex(3), "no heartbeat for 5 s", DateTimeOffset.UtcNow);
        Assert.Empty(await two.State.RecordObservedAsync([lost], CancellationToken.None));
        Assert.Single(await one.State.RecordObservedAsync([lost], CancellationToken.None));

        // both see a ceremony run: the follower moves its own view only, the leader records the moves
        var followerCeremony = await two.Health.CeremonyAsync(CancellationToken.None);
        Assert.Equal(ClusterState.Recovering, two.Health.Current);
        await using (await one.Health.CeremonyAsync(CancellationToken.None))
            Assert.Equal(ClusterState.Recovering, one.Health.Current);
        Assert.Equal(ClusterState.Unavailable, one.Health.Current);

        // the leader goes; the follower takes over and records what it sees against what the log says
        await one.Leadership.ReleaseAsync();
        Assert.True(await two.Leadership.TryAcquireAsync());
        await two.State.CatchUpAsync(CancellationToken.None);
        await two.Health.RefreshAsync(CancellationToken.None);
        await followerCeremony.DisposeAsync();

        var events = await one.EventsAsync();
        Assert.Single(events.OfType<NodeLost>());
        var moves = events.OfType<ClusterStateChanged>().Select(c => (c.From, c.To)).ToList();
        Assert.Equal(
            [
                (ClusterState.Unavailable, ClusterState.Recovering),
                (ClusterState.Recovering, ClusterState.Unavailable),
                (ClusterState.Unavailable, ClusterState.Recovering),
                (ClusterState.Recovering, ClusterState.Unavailable),
            ], moves);
        Assert.True((await one.Log.VerifyChainAsync()).Ok);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>One control plane's fleet view: its own log instance, read model, leadership and state tracker.</summary>
    private sealed class Plane(MartenEventLog log, FleetState state, PostgresLeadership leadership, ClusterStateTracker health) : IAsyncDisposable
    {
        public MartenEventLog Log => log;
        public FleetState State => state;
        public PostgresLeadership Leadership => leadership;
        public ClusterStateTracker Health => health;

        public static async Task<Plane> StartAsync(string cs, string schema, long lockKey)
        {
            var log = await MartenEventLog.OpenAsync(cs, schema);
            var live = await LiveProjections.AttachAsync(log);
            var leadership = new PostgresLeadership(cs, lockKey);
            var state = new FleetState(log, live, leadership);
            var health = new ClusterStateTracker(state, new FleetOptions(), TimeProvider.System, NullLogger<ClusterStateTracker>.Instance);
            await health.LoadAsync(CancellationToken.None);
            return new Plane(log, state, leadership, health);
        }

        public async Task<List<object>> EventsAsync()
        {
            var all = new List<object>();
            await foreach (var e in log.ReadAllAsync()) all.Add(e.Data);
            return all;
        }

        public async ValueTask DisposeAsync()
        {
            await leadership.DisposeAsync();
            await log.DisposeAsync();
        }
    }
}
