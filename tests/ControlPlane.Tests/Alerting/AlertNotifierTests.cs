using System.Text.Json;
using CcTsa.Contracts.Events.Alerting;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Alerting;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Alerting;

/// <summary>
/// Issue 19's alerting: the notifier follows a real SQLite log, and a real HTTP receiver gets node
/// loss (Warning), quorum loss (Emergency), the recoveries and the incidents each exactly once; a
/// failing receiver is retried with backoff and every failed attempt and delivery is in the log.
/// </summary>
public sealed class AlertNotifierTests : IAsyncLifetime
{
    private static readonly AlertDeliveryOptions Quick = new() { FirstDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) };
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-alerts-").FullName;
    private SqliteEventLog _log = null!;
    private LiveProjections _live = null!;
    private FileLeadership _leader = null!;

    public async Task InitializeAsync()
    {
        _log = await SqliteEventLog.OpenAsync(_dir);
        _live = await LiveProjections.AttachAsync(_log);
        _leader = new FileLeadership(_dir);
        Assert.True(await _leader.TryAcquireAsync());
        // the first start before the notifier runs: history is never paged
        await AppendAsync(State(ClusterState.Unavailable, ClusterState.Recovering, AlertLevel.Info), State(ClusterState.Recovering, ClusterState.Healthy, AlertLevel.None));
    }

    [Fact]
    public async Task Node_loss_quorum_loss_and_recovery_reach_the_receiver_exactly_once_each()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var nodeLost = new IncidentOpened(IncidentId.New(), "nodeLost", "n5 missed its heartbeats", [NodeId.FromIndex(5)], DateTimeOffset.UtcNow);
        var quorumLost = new IncidentOpened(IncidentId.New(), "quorumLost", "3 nodes lost", [NodeId.FromIndex(1), NodeId.FromIndex(2), NodeId.FromIndex(3)], DateTimeOffset.UtcNow);
        await using (var notifier = await StartAsync(receiver.Hook("T000/B000/secret")))
        {
            await AppendAsync(State(ClusterState.Healthy, ClusterState.Degraded, AlertLevel.Warning), nodeLost);
            await AppendAsync(State(ClusterState.Degraded, ClusterState.Recovering, AlertLevel.Info), nodeLost); // recorded twice: sent once
            await AppendAsync(State(ClusterState.Recovering, ClusterState.Healthy, AlertLevel.None), new IncidentResolved(nodeLost.Id, "n5 replaced", DateTimeOffset.UtcNow));
            await AppendAsync(State(ClusterState.Healthy, ClusterState.Unavailable, AlertLevel.Emergency), quorumLost);
            await AppendAsync(State(ClusterState.Unavailable, ClusterState.Recovering, AlertLevel.Info), State(ClusterState.Recovering, ClusterState.Healthy, AlertLevel.None));
            await AppendAsync(new IncidentResolved(quorumLost.Id, "re-keyed epoch 2", DateTimeOffset.UtcNow));
            await WaitAsync(async () => (await EventsAsync<AlertDelivered>()).Count >= 8);
        }
        var got = receiver.Delivered.Select(b => (Str(b, "kind"), Str(b, "level"), Str(b, "incidentKind"))).ToList();
        Assert.Equal(
        [
            ("alert", "warning", ""), ("incidentOpened", "warning", "nodeLost"), ("recovered", "info", ""), ("incidentResolved", "info", "nodeLost"),
            ("alert", "emergency", ""), ("incidentOpened", "emergency", "quorumLost"), ("recovered", "info", ""), ("incidentResolved", "info", "quorumLost"),
        ], got);
        Assert.Equal(8, receiver.Requests);
        var first = receiver.Delivered[0];
        Assert.StartsWith("[Warning] cctsa: cluster Degraded", Str(first, "text"), StringComparison.Ordinal);
        Assert.Equal("degraded", Str(first, "state"));
        Assert.Equal(["n5"], receiver.Delivered[1].GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));

        var delivered = await EventsAsync<AlertDelivered>();
        Assert.Equal(receiver.Delivered.Select(b => Str(b, "key")), delivered.Select(d => d.Key));
        Assert.All(delivered, d => Assert.DoesNotContain("secret", d.Target, StringComparison.Ordinal));
        Assert.Empty(await EventsAsync<AlertDeliveryFailed>());
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_and_each_failure_is_in_the_log()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using (var notifier = await StartAsync(receiver.Hook("secret")))
        {
            await AppendAsync(State(ClusterState.Healthy, ClusterState.Unavailable, AlertLevel.Emergency));
            await WaitAsync(async () => (await EventsAsync<AlertDelivered>()).Count >= 1);
        }
        Assert.Equal(3, receiver.Requests);
        var failures = await EventsAsync<AlertDeliveryFailed>();
        Assert.Equal([1, 2], failures.Select(f => f.Attempt));
        Assert.All(failures, f =>
        {
            Assert.StartsWith("HTTP 503", f.Reason, StringComparison.Ordinal);
            Assert.False(f.GaveUp);
            Assert.Equal(AlertLevel.Emergency, f.Level);
        });
        var delivered = Assert.Single(await EventsAsync<AlertDelivered>());
        Assert.Equal((3, 200, failures[0].Key), (delivered.Attempts, delivered.Status, delivered.Key));
    }

    [Fact]
    public async Task A_receiver_that_never_answers_2xx_is_given_up_after_the_last_attempt_and_the_log_says_so()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        await using (var notifier = await StartAsync(receiver.Hook("x"), Quick with { MaxAttempts = 3 }))
        {
            await AppendAsync(State(ClusterState.Healthy, ClusterState.Critical, AlertLevel.Critical));
            await WaitAsync(async () => (await EventsAsync<AlertDeliveryFailed>()).Any(f => f.GaveUp));
        }
        var failures = await EventsAsync<AlertDeliveryFailed>();
        Assert.Equal([(1, false), (2, false), (3, true)], failures.Select(f => (f.Attempt, f.GaveUp)));
        Assert.Equal(3, receiver.Requests);
        Assert.Empty(await EventsAsync<AlertDelivered>());
    }

    [Fact]
    public async Task A_slack_webhook_gets_the_text_field_alone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using (var notifier = await StartAsync(new Uri("slack+" + receiver.Hook("slack"))))
        {
            await AppendAsync(State(ClusterState.Healthy, ClusterState.Degraded, AlertLevel.Warning));
            await WaitAsync(async () => (await EventsAsync<AlertDelivered>()).Count >= 1);
        }
        var body = Assert.Single(receiver.Delivered);
        Assert.Equal(["text"], body.EnumerateObject().Select(p => p.Name));
    }

    public async Task DisposeAsync()
    {
        await _leader.DisposeAsync();
        await _log.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<Running> StartAsync(Uri hook, AlertDeliveryOptions? options = null)
    {
        Assert.True(WebhookTarget.TryParse(hook.ToString(), 1, out var target, out var error), error);
        var sender = new WebhookSender(options ?? Quick, TimeProvider.System);
        var notifier = new AlertNotifier(_live, _log, _leader, [target], sender, NullLogger<AlertNotifier>.Instance);
        await notifier.StartAsync(CancellationToken.None);
        return new Running(notifier, sender);
    }

    private Task AppendAsync(params object[] events) => _log.AppendAsync(events);

    private async Task<List<T>> EventsAsync<T>() =>
        (await _log.ReadAsync(0, 10_000)).Select(e => e.Data).OfType<T>().ToList();

    private static ClusterStateChanged State(ClusterState from, ClusterState to, AlertLevel level) =>
        new(from, to, level, 5, 5, $"{from} -> {to} in a test", DateTimeOffset.UtcNow);

    private static string Str(JsonElement body, string name) => body.GetProperty(name).GetString() ?? "";

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("waited 60 s in vain");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the notifier (which completes its queues) and releases its HTTP client.</summary>
    private sealed class Running(AlertNotifier notifier, WebhookSender sender) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await notifier.StopAsync(CancellationToken.None);
            notifier.Dispose();
            sender.Dispose();
        }
    }
}
