using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §9: one drifting clock → the node is excluded (keeps its share), signing continues without
/// it, and it rejoins by itself once its clock is good again — no ceremony. Three drifting clocks
/// → no quorum of healthy clocks, signing halts rather than issue a wrong time; no granted token
/// ever carries a genTime off the real time by more than the declared accuracy plus transit.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class ClockDriftTests(ITestOutputHelper output)
{
    private const long OneSecondMicros = 1_000_000;

    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Drifting_node_is_excluded_and_rejoins_and_three_drifting_halt_signing(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("clock drift", setup, output);
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        await run.Api.SkewAsync("n4", OneSecondMicros);
        await run.WaitEventAsync("clock_violation", mark, e => e.NodeField("node") == "n4");
        var excluded = await run.WaitEventAsync("node_excluded", mark, e => e.NodeField("node") == "n4");
        run.Phase("excluded");
        var degraded = await run.WaitStateAsync("Degraded", s => s.Node("n4") is { Excluded: true, ClockHealthy: false });
        Assert.True(degraded.Node("n4")!.HoldsShare, $"a drifting node keeps its share: {degraded}");
        await run.ExpectAlertAsync("degraded", "warning", mark);
        await run.ExpectSigningContinuesAsync(DateTimeOffset.UtcNow);
        // stamped after the exclusion was recorded: a batch n4 signed just before it excluded itself
        // can be logged after the exclusion event, so the log position alone does not tell
        Assert.All((await run.Api.EventsAsync("token_issued", excluded.Sequence)).Where(t => t.TimeField("genTime") > excluded.Timestamp),
            t => Assert.DoesNotContain("n4", t.Nodes("signers")));

        await run.Api.ClearAsync("n4");
        run.Phase("cleared");
        await run.WaitEventAsync("clock_recovered", mark, e => e.NodeField("node") == "n4");
        await run.WaitEventAsync("node_readmitted", mark, e => e.NodeField("node") == "n4");
        var rejoined = await run.WaitStateAsync("Healthy", s => s.Node("n4") is { Excluded: false, ClockHealthy: true });
        run.Phase("rejoined");
        Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (rejoined.Epoch, rejoined.PublicKey));
        Assert.Empty(await run.Api.EventsAsync("ceremony_started", mark));
        Assert.Empty(run.Load.Rejections);

        var three = await run.Api.HeadAsync();
        foreach (var node in new[] { "n1", "n2", "n3" })
            await run.Api.SkewAsync(node, 3 * OneSecondMicros);
        await run.ExpectAlertAsync("unavailable", "emergency", three);
        run.Phase("halted");
        await run.ExpectHaltedAsync();

        foreach (var node in new[] { "n1", "n2", "n3" })
            await run.Api.ClearAsync(node);
        var healthy = await run.WaitStateAsync("Healthy", s => s.Nodes.All(n => n.ClockHealthy && !n.Excluded));
        await run.ExpectSigningResumesAsync();
        run.Recovered();
        Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (healthy.Epoch, healthy.PublicKey));
        Assert.Empty(await run.Api.EventsAsync("ceremony_started", mark));
        Assert.All(run.Load.Tokens, t => Assert.True(t.GenTime >= t.SentAt.AddSeconds(-1) && t.GenTime <= t.ReceivedAt.AddSeconds(1),
            $"token {t.SerialHex} carries genTime {t.GenTime:O} outside its request's [{t.SentAt:O}, {t.ReceivedAt:O}] ± 1 s"));
        await run.FinishAsync("recovery = first skew to all clocks rejoined and signing again");
    }
}
