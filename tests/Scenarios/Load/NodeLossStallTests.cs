using System.Globalization;
using System.Text.Json;
using CcTsa.Scenarios.Failures;
using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Load;

/// <summary>
/// Issue 14 item 3: losing one node used to stall all issuance for 5–10 s (a peer waited out for the
/// coordinator's 5 s round timeout; a dead coordinator for the control plane's 10 s signing timeout).
/// Closed-loop load at concurrency 16 (no pause) while n4 (a peer) and then, after a replacement
/// restored health, n1 (the first coordinator) are killed. Every request is answered with a valid
/// token (none rejected, none lost) and the extra latency the loss causes is bounded: the slowest
/// request sent in the second before to 8 s after the kill, minus the p99 before the kill, is at most
/// 2.5 s on this noisy 2-core machine (target 1 s; measured figures in docs/RUNBOOKS.md).
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class NodeLossStallTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Losing_a_peer_or_the_coordinator_under_load_costs_no_request_and_no_long_stall(TsaSetupKind setup)
    {
        await using var cluster = await TsaClusters.StartHealthyAsync(setup);
        await using var load = await LoadGenerator.StartAsync(cluster.Api, new LoadOptions { Concurrency = 16, PauseBetweenRequests = TimeSpan.Zero });
        try
        {
            // warm-up: the adaptive deadlines learn this machine's latencies, and the load drains the presignature stock
            // made before it to the steady state (with 5 s the baseline window held the fast first seconds: p99 0.45 s once)
            await Task.Delay(TimeSpan.FromSeconds(10));
            var peer = await LoseAsync(cluster, load, "n4", setup);
            await cluster.StartNodeAsync("n4", NodeLaunch.Default);
            await TsaClusters.WaitForStateAsync(cluster, "Healthy", ScenarioTimings.Transition, s => s.SharesHeld == 5);
            // more than the 5 s baseline window: the slow tail of n4's rejoin must not inflate n1's baseline
            await Task.Delay(TimeSpan.FromSeconds(6));
            var coordinator = await LoseAsync(cluster, load, "n1", setup);

            var tally = await load.StopAsync();
            output.WriteLine($"load: {tally}");
            Record(setup, tally, peer, coordinator);
            Assert.True(tally.Rejected == 0 && tally.Lost == 0 && tally.BadTokens == 0,
                $"every request gets a valid token: {tally}\n{cluster.Diagnostics()}");
            foreach (var loss in new[] { peer, coordinator })
                Assert.True(loss.Attributable <= Bound,
                    $"{loss.Node} lost: slowest request {loss.Max.TotalSeconds:0.00} s, p99 before {loss.BaselineP99.TotalSeconds:0.00} s, so {loss.Attributable.TotalSeconds:0.00} s due to the loss (bound {Bound.TotalSeconds} s)");
        }
        catch
        {
            output.WriteLine(cluster.Diagnostics());
            throw;
        }
    }

    /// <summary>Kills <paramref name="node"/> under load and measures the requests sent from 1 s before to <see cref="Window"/> after.</summary>
    private async Task<Loss> LoseAsync(ITsaCluster cluster, LoadGenerator load, string node, TsaSetupKind setup)
    {
        // the latencies of the requests answered in the 5 s before the kill: selecting by send time instead
        // kept only the ones already answered, the fast ones (a baseline of 0 once, when none had come back yet)
        var before = DateTimeOffset.UtcNow;
        var baseline = load.Tokens.Where(t => t.ReceivedAt >= before - TimeSpan.FromSeconds(5)).Select(Latency).ToList();
        Assert.True(baseline.Count > 0, $"no request answered in the 5 s before {node} was killed: the fleet was not signing");
        await cluster.KillNodeAsync(node);
        var killed = DateTimeOffset.UtcNow;
        await Task.Delay(Window);
        // let the requests of the window finish (closed loop: each is answered or the load tally says so)
        await load.WaitForGrantsAsync(1, killed + Window, ScenarioTimings.Transition, cluster.Diagnostics);
        var during = load.Tokens.Where(t => t.SentAt >= killed - TimeSpan.FromSeconds(1) && t.SentAt <= killed + Window).Select(Latency).ToList();
        Assert.NotEmpty(during);
        var loss = new Loss(node, during.Count, Percentile(baseline, 0.99), Percentile(during, 0.99), during.Max(), Percentile(during, 0.5));
        output.WriteLine($"{setup} {node} killed: {loss}");
        return loss;
    }

    private static TimeSpan Latency(IssuedToken t) => t.ReceivedAt - t.SentAt;

    private static TimeSpan Percentile(List<TimeSpan> values, double p)
    {
        if (values.Count == 0) return TimeSpan.Zero;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static void Record(TsaSetupKind setup, LoadTally tally, params Loss[] losses)
    {
        var dir = Path.GetDirectoryName(ScenarioReportLog.FilePath)!;
        Directory.CreateDirectory(dir);
        var line = JsonSerializer.Serialize(new
        {
            at = DateTimeOffset.UtcNow,
            scenario = "node loss stall",
            setup = setup.ToString(),
            tally.Sent, tally.Granted, tally.Rejected, tally.Lost, tally.BadTokens,
            losses = losses.Select(l => new
            {
                node = l.Node, requests = l.Requests,
                baselineP99 = Math.Round(l.BaselineP99.TotalSeconds, 3), p50 = Math.Round(l.P50.TotalSeconds, 3),
                p99 = Math.Round(l.P99.TotalSeconds, 3), max = Math.Round(l.Max.TotalSeconds, 3),
                attributable = Math.Round(l.Attributable.TotalSeconds, 3),
            }),
        });
        File.AppendAllText(Path.Combine(dir, "stall.jsonl"), line + "\n");
    }

    private sealed record Loss(string Node, int Requests, TimeSpan BaselineP99, TimeSpan P99, TimeSpan Max, TimeSpan P50)
    {
        public TimeSpan Attributable => Max - BaselineP99 > TimeSpan.Zero ? Max - BaselineP99 : TimeSpan.Zero;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Requests} requests, p50 {P50.TotalSeconds:0.000} s, p99 {P99.TotalSeconds:0.000} s, max {Max.TotalSeconds:0.000} s (p99 before {BaselineP99.TotalSeconds:0.000} s)");
    }
}
