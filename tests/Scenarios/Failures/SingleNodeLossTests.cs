using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §2: one node lost → Degraded (Warning), signing continues, the replacement attests with the
/// same measurement, ≥ t helpers redistribute a share to it, Healthy again, same group key. Issue 16:
/// the post-quantum key goes the same way — the replacement's ML-DSA-65 share is re-shared by the other
/// members of its subsets (the control plane completes the redistribution only when the replacement
/// reports the epoch's own ML-DSA key), the ML-DSA key and certificate stay, and the background
/// load's hybrid and ml-dsa-65 requests are all granted, before, during and after the loss, with
/// fresh ones of each after the replacement.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class SingleNodeLossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Single_node_loss_degrades_keeps_signing_and_a_replacement_restores_health(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("single node loss", setup, output, Load.LoadOptions.PostQuantum);
        Assert.False(string.IsNullOrEmpty(run.Initial.MlDsaKey), $"a Healthy cluster has an ML-DSA-65 key: {run.Initial}");
        var measurements = await run.MeasurementsAsync();
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        await run.Cluster.KillNodeAsync("n3");
        await run.WaitEventAsync("node_lost", mark, e => e.NodeField("node") == "n3");
        run.Phase("detected");
        await run.ExpectAlertAsync("degraded", "warning", mark);
        var degraded = await run.WaitStateAsync("Degraded");
        Assert.False(degraded.Node("n3")!.HoldsShare, $"a killed node's share is gone: {degraded}");
        await run.ExpectSigningContinuesAsync(DateTimeOffset.UtcNow);

        var replaced = await run.Api.HeadAsync();
        await run.Cluster.StartNodeAsync("n3", NodeLaunch.Default);
        var attested = await run.WaitEventAsync("node_attested", replaced, e => e.NodeField("node") == "n3");
        Assert.Equal(measurements["n3"], attested.Text("measurementHex"));
        var share = await run.WaitEventAsync("share_distributed", replaced, e => e.NodeField("recipient") == "n3");
        Assert.True(share.Nodes("helpers").Distinct().Count() >= FleetLayout.Threshold && !share.Nodes("helpers").Contains("n3"),
            $"redistribution needs ≥ {FleetLayout.Threshold} helpers other than the recipient: {share}");
        Assert.Equal(run.Initial.Epoch, share.EpochField());
        var healthy = await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
        run.Recovered();

        Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (healthy.Epoch, healthy.PublicKey));
        Assert.DoesNotContain(await run.Api.EventsAsync("ceremony_started", mark), e => e.TextIs("kind", "dkg"));
        // the post-quantum key survives the loss: redistributed (the completion implies the replacement
        // holds the epoch's ML-DSA key), same key, same certificate
        Assert.Contains(await run.Api.EventsAsync("ceremony_completed", replaced), e => e.TextIs("kind", "redistribution"));
        Assert.Equal(run.Initial.MlDsaKey, healthy.MlDsaKey);
        Assert.DoesNotContain(await run.Api.EventsAsync("certificate_issued", mark), e => e.TextIs("scheme", "ml-dsa-65"));
        await run.ExpectSigningContinuesAsync(DateTimeOffset.UtcNow);
        await run.ExpectPostQuantumSigningContinuesAsync();
        Assert.Empty(run.Load.Rejections);
        await run.FinishAsync();
    }
}
