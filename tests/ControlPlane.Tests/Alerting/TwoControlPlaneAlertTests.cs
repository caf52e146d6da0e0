using System.Text.Json;
using CcTsa.Contracts.Events.Alerting;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.ControlPlane.Alerting;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CcTsa.ControlPlane.Tests.Alerting;

/// <summary>
/// Two control planes on one PostgreSQL log, both with the same webhook: only the leader (the
/// PostgreSQL advisory lock) sends, so each notice arrives once; when the leader lets go, the other
/// takes the lock and sends what happens next — and what the old leader decided but never sent.
/// </summary>
public sealed class TwoControlPlaneAlertTests : IAsyncLifetime
{
    private static readonly AlertDeliveryOptions Quick = new() { FirstDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) };
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
    // a lock of its own: other tests and processes on this PostgreSQL use the default key
    private readonly long _lockKey = Random.Shared.NextInt64(1, long.MaxValue);
    private string _cs = "";

    public async Task InitializeAsync() => _cs = await TestServices.PostgresAsync();

    [Fact]
    public async Task Only_the_leader_sends_and_the_other_sends_once_it_leads()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.Hook("two-planes").ToString();
        await using var one = await Plane.StartAsync(_cs + ";Application Name=cctsa-cp1", _schema, _lockKey, hook);
        await using var two = await Plane.StartAsync(_cs + ";Application Name=cctsa-cp2", _schema, _lockKey, hook);
        Assert.True(await one.Leadership.TryAcquireAsync());
        Assert.False(await two.Leadership.TryAcquireAsync());

        // the standby writes the event; both read it (the standby through its catch-up read)
        await two.Log.AppendAsync([State(ClusterState.Healthy, ClusterState.Degraded, AlertLevel.Warning)]);
        await one.Live.CatchUpAsync();
        await two.Live.CatchUpAsync();
        // delivered and recorded: a later leader reads the record and does not page again
        await WaitAsync(async () => (await DeliveredEventsAsync(one)).Count >= 1);

        await one.Leadership.ReleaseAsync();
        Assert.True(await two.Leadership.TryAcquireAsync());
        await one.Log.AppendAsync([State(ClusterState.Degraded, ClusterState.Unavailable, AlertLevel.Emergency)]);
        await one.Live.CatchUpAsync();
        await two.Live.CatchUpAsync();
        await WaitAsync(async () => (await DeliveredEventsAsync(one)).Count >= 2);

        Assert.Equal(["warning", "emergency"], receiver.Delivered.Select(b => b.GetProperty("level").GetString()));
        Assert.Equal(2, receiver.Requests);
        Assert.Equal(2, (await DeliveredEventsAsync(one)).Count);
    }

    [Fact]
    public async Task A_page_the_dying_leader_never_sent_is_sent_by_the_next_leader()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = receiver.Hook("takeover").ToString();
        await using var one = await Plane.StartAsync(_cs + ";Application Name=cctsa-cp1", _schema, _lockKey, hook);
        await using var two = await Plane.StartAsync(_cs + ";Application Name=cctsa-cp2", _schema, _lockKey, hook);
        Assert.True(await one.Leadership.TryAcquireAsync());

        // the leader records quorum loss and dies before paging: its notifier is gone, then its lock
        await one.StopNotifierAsync();
        await one.Log.AppendAsync([State(ClusterState.Healthy, ClusterState.Unavailable, AlertLevel.Emergency)]);
        await two.Live.CatchUpAsync();
        await one.Leadership.ReleaseAsync();
        Assert.Empty(receiver.Delivered);

        Assert.True(await two.Leadership.TryAcquireAsync());
        await WaitAsync(async () => (await DeliveredEventsAsync(two)).Count >= 1);
        var body = Assert.Single(receiver.Delivered);
        Assert.Equal("emergency", body.GetProperty("level").GetString());
        Assert.Equal(1, receiver.Requests);
    }

    public async Task DisposeAsync()
    {
        if (_cs.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(_cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<List<AlertDelivered>> DeliveredEventsAsync(Plane plane) =>
        (await plane.Log.ReadAsync(0, 1000)).Select(e => e.Data).OfType<AlertDelivered>().ToList();

    private static ClusterStateChanged State(ClusterState from, ClusterState to, AlertLevel level) =>
        new(from, to, level, 5, 5, $"{from} -> {to} in a test", DateTimeOffset.UtcNow);

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("waited 60 s in vain");
            await Task.Delay(50);
        }
    }

    /// <summary>One control plane's alerting: its own log instance, read model, leadership and notifier.</summary>
    private sealed class Plane(MartenEventLog log, LiveProjections live, PostgresLeadership leadership, AlertNotifier notifier, WebhookSender sender) : IAsyncDisposable
    {
        private bool _stopped;

        public MartenEventLog Log => log;
        public LiveProjections Live => live;
        public PostgresLeadership Leadership => leadership;

        public static async Task<Plane> StartAsync(string cs, string schema, long lockKey, string hook)
        {
            var log = await MartenEventLog.OpenAsync(cs, schema);
            var live = await LiveProjections.AttachAsync(log);
            var leadership = new PostgresLeadership(cs, lockKey);
            Assert.True(WebhookTarget.TryParse(hook, 1, out var target, out var error), error);
            var sender = new WebhookSender(Quick, TimeProvider.System);
            var notifier = new AlertNotifier(live, log, leadership, [target], sender, NullLogger<AlertNotifier>.Instance);
            await notifier.StartAsync(CancellationToken.None);
            return new Plane(log, live, leadership, notifier, sender);
        }

        public async Task StopNotifierAsync()
        {
            if (_stopped) return;
            _stopped = true;
            await notifier.StopAsync(CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            await StopNotifierAsync();
            notifier.Dispose();
            sender.Dispose();
            await leadership.DisposeAsync();
            await log.DisposeAsync();
        }
    }
}
