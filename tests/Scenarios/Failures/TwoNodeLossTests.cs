using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §3: two nodes lost → Critical with a page-level (Critical) alert, signing continues on the
/// remaining three, both replaced by redistribution, Healthy again under the same key.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class TwoNodeLossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Two_node_loss_is_critical_keeps_signing_and_both_are_replaced(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("two nodes lost", setup, output);
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        await run.Cluster.KillNodeAsync("n1");
        await run.Cluster.KillNodeAsync("n4");
        await run.ExpectAlertAsync("critical", "critical", mark);
        run.Phase("detected");
        var critical = await run.WaitStateAsync("Critical");
        Assert.Equal(3, critical.SharesHeld);
        await run.ExpectSigningContinuesAsync(DateTimeOffset.UtcNow);

        var replaced = await run.Api.HeadAsync();
        await run.Cluster.StartNodeAsync("n1", NodeLaunch.Default);
        await run.Cluster.StartNodeAsync("n4", NodeLaunch.Default);
        foreach (var node in new[] { "n1", "n4" })
        {
            var share = await run.WaitEventAsync("share_distributed", replaced, e => e.NodeField("recipient") == node);
            Assert.True(share.Nodes("helpers").Distinct().Count() >= FleetLayout.Threshold, $"≥ t helpers: {share}");
        }
        var healthy = await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
        run.Recovered();

        Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (healthy.Epoch, healthy.PublicKey));
        Assert.DoesNotContain(await run.Api.EventsAsync("ceremony_started", mark), e => e.TextIs("kind", "dkg"));
        Assert.Empty(run.Load.Rejections);
        await run.FinishAsync();
    }
}
