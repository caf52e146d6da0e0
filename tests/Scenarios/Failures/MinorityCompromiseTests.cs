using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §6, compromise of fewer than t shares: proactive refresh — every node gets a new share of
/// the same key (new verifying shares, so the old, possibly stolen ones match nothing), the public
/// key, epoch and certificate stay, nothing is revoked, and signing never stops.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class MinorityCompromiseTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Compromise_below_threshold_refreshes_every_share_under_the_same_key(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("key compromise < t", setup, output);
        var oldShares = (await run.Api.EventsAsync("share_distributed"))
            .Select(e => (Node: e.NodeField("recipient"), Share: e.Text("verifyingShareHex"))).ToHashSet();
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        await run.Api.ReportCompromiseAsync(["n2"], DateTimeOffset.UtcNow.AddSeconds(-1));
        await run.WaitEventAsync("incident_opened", mark, e => e.TextIs("kind", "compromise"));
        var started = await run.WaitEventAsync("ceremony_started", mark, e => e.TextIs("kind", "refresh"), "a proactive refresh");
        var completed = await run.WaitEventAsync("ceremony_completed", mark, e => e.TextIs("kind", "refresh") && e.Text("id") == started.Text("id"), "the refresh to complete");
        run.Phase("refreshed");
        Assert.Equal(run.Initial.Ed25519Key, completed.Text("groupPublicKeyHex")); // the refresh keeps the (FROST) key it reports

        var refreshed = (await run.Api.EventsAsync("share_distributed", mark)).Where(e => e.Text("ceremony") == started.Text("id")).ToList();
        Assert.Equal(FleetLayout.Nodes, refreshed.Select(e => e.NodeField("recipient")!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(refreshed, e => Assert.DoesNotContain((e.NodeField("recipient"), e.Text("verifyingShareHex")), oldShares));

        var healthy = await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
        run.Recovered();
        Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (healthy.Epoch, healthy.PublicKey));
        Assert.Empty(await run.Api.EventsAsync("certificate_revoked", mark));
        Assert.DoesNotContain(await run.Api.EventsAsync("ceremony_started", mark), e => e.TextIs("kind", "dkg"));
        await run.ExpectSigningContinuesAsync(DateTimeOffset.UtcNow);
        Assert.Empty(run.Load.Rejections);
        await run.FinishAsync();
    }
}
