using System.Text.Json;
using CcTsa.ControlPlane.Tests.Alerting;
using CcTsa.Scenarios.Harness;

namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// Issue 19, end to end: `cctsa up --alert-webhook URL` (real process, five in-process signers)
/// posts to a real HTTP receiver when a node is lost (Warning), when the cluster is Healthy again,
/// when three nodes are lost (Emergency) and after the re-key, with the nodeLost / quorumLost
/// incidents opened and closed — each once.
/// </summary>
public sealed class AlertWebhookTests
{
    [Fact]
    public async Task Node_loss_quorum_loss_and_recovery_each_reach_the_webhook_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var tsa = await EmbeddedTsa.StartAsync("--alert-webhook", receiver.Hook("T000/B000/scenario").ToString());
        await WaitStateAsync(tsa, "Healthy");

        await tsa.KillNodeAsync("n3");
        await WaitDeliveredAsync(receiver, tsa, b => Is(b, "alert", "warning"));
        await WaitDeliveredAsync(receiver, tsa, b => Is(b, "incidentOpened") && Str(b, "incidentKind") == "nodeLost");
        await tsa.StartNodeAsync("n3", NodeLaunch.Default);
        await WaitDeliveredAsync(receiver, tsa, b => Is(b, "recovered"));
        var afterNodeLoss = receiver.Delivered.Count;

        foreach (var node in new[] { "n1", "n2", "n3" })
            await tsa.KillNodeAsync(node);
        await WaitDeliveredAsync(receiver, tsa, b => Is(b, "alert", "emergency"));
        foreach (var node in new[] { "n1", "n2", "n3" })
            await tsa.StartNodeAsync(node, NodeLaunch.Default);
        await WaitDeliveredAsync(receiver, tsa, b => Is(b, "recovered"), count: 2);

        var all = receiver.Delivered;
        var keys = all.Select(b => Str(b, "key")).ToList();
        Assert.True(keys.Distinct().Count() == keys.Count, "a notice reached the webhook twice: " + Describe(all));
        var first = all.Take(afterNodeLoss).ToList();
        Assert.Single(first, b => Is(b, "alert", "warning"));
        Assert.Single(first, b => Is(b, "recovered"));
        Assert.DoesNotContain(first, b => Is(b, "alert", "emergency"));
        Assert.Single(all, b => Is(b, "alert", "emergency"));
        Assert.Equal(2, all.Count(b => Is(b, "recovered")));
        Assert.Contains(all, b => Is(b, "incidentOpened") && Str(b, "incidentKind") == "quorumLost");

        var recorded = await tsa.Api.EventsAsync("alert_delivered");
        Assert.True(recorded.Count >= all.Count - 1, $"{all.Count} deliveries, {recorded.Count} alert_delivered events"); // the last may be recorded just after it arrived
        Assert.DoesNotContain(recorded, e => e.ToString().Contains("T000/B000", StringComparison.Ordinal));
    }

    private static async Task WaitStateAsync(EmbeddedTsa tsa, string state) =>
        await Eventually.UntilAsync($"state {state}", async () => await tsa.Api.ClusterAsync() is { } c && c.Is(state) ? c : null,
            ScenarioTimings.Startup, tsa.Diagnostics);

    private static Task WaitDeliveredAsync(WebhookReceiver receiver, EmbeddedTsa tsa, Func<JsonElement, bool> match, int count = 1) =>
        Eventually.UntilAsync($"{count} matching webhook deliveries",
            () => Task.FromResult(receiver.Delivered.Count(match) >= count ? receiver : null),
            ScenarioTimings.Startup, () => "delivered so far: " + Describe(receiver.Delivered) + "\n" + tsa.Diagnostics());

    private static bool Is(JsonElement body, string kind, string? level = null) =>
        Str(body, "kind") == kind && (level is null || Str(body, "level") == level);

    private static string Str(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static string Describe(IEnumerable<JsonElement> bodies) => string.Join(" | ", bodies.Select(b => Str(b, "text")));
}
