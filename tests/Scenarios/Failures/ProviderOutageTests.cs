using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §7: with the 2/2/1 placement, losing any one provider leaves ≥ 3 nodes, so signing goes on
/// and the lost nodes are replaced by redistribution; a replacement that would put a third node
/// on one provider is refused and never holds a share.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class ProviderOutageTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Any_single_provider_outage_keeps_signing_and_three_on_one_provider_is_refused(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("provider outage", setup, output);
        var mark = await run.Api.HeadAsync();
        Assert.Equal(FleetLayout.Nodes.Select(FleetLayout.ProviderOf), run.Initial.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal).Select(n => n.Provider));

        run.FaultInjected();
        foreach (var provider in new[] { "azure", "gcp", "third" })
        {
            var lost = FleetLayout.OnProvider(provider);
            var outage = await run.Api.HeadAsync();
            foreach (var node in lost)
                await run.Cluster.KillNodeAsync(node);
            var down = await run.WaitStateAsync(lost.Count == 2 ? "Critical" : "Degraded");
            Assert.True(down.SharesHeld >= FleetLayout.Threshold, $"one provider down leaves ≥ t share holders: {down}");
            await run.ExpectSigningContinuesAsync(DateTimeOffset.UtcNow);
            run.Phase(provider + " down");

            if (provider == "third")
            {
                var refused = await run.Api.HeadAsync();
                await run.Cluster.StartNodeAsync("n5", new NodeLaunch(Provider: "azure"));
                var refusal = await run.WaitEventAsync("attestation_rejected", refused, e => e.NodeField("node") == "n5", "n5 on azure refused by placement");
                Assert.Contains("placement", refusal.Text("reason") ?? "", StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(await run.Api.EventsAsync("share_distributed", refused), e => e.NodeField("recipient") == "n5");
                await run.Cluster.KillNodeAsync("n5");
            }

            var replaced = await run.Api.HeadAsync();
            foreach (var node in lost)
                await run.Cluster.StartNodeAsync(node, NodeLaunch.Default);
            foreach (var node in lost)
                await run.WaitEventAsync("share_distributed", replaced, e => e.NodeField("recipient") == node);
            var healthy = await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
            Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (healthy.Epoch, healthy.PublicKey));
            run.Phase(provider + " replaced");
            Assert.NotEmpty(await run.Api.EventsAsync("node_lost", outage));
        }
        run.Recovered();
        Assert.DoesNotContain(await run.Api.EventsAsync("ceremony_started", mark), e => e.TextIs("kind", "dkg"));
        Assert.Empty(run.Load.Rejections);
        await run.FinishAsync("recovery = three provider outages and replacements in a row");
    }
}
