using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §6, compromise of fewer than t shares: proactive refresh — every node gets a new share of
/// the same classical keys (new verifying shares, so the old, possibly stolen ones match nothing),
/// the classical public keys, epoch and certificates stay, and signing never stops. Issue 16: the
/// refresh re-keys threshold ML-DSA-65 (no norm-preserving refresh exists) — a new ML-DSA key, a new
/// post-quantum certificate, the old PQ certificate alone revoked (superseded), and hybrid and
/// ml-dsa-65 tokens granted and verified under the new certificate afterwards.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class MinorityCompromiseTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Compromise_below_threshold_refreshes_every_share_under_the_same_key(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("key compromise < t", setup, output, Load.LoadOptions.PostQuantum);
        Assert.False(string.IsNullOrEmpty(run.Initial.MlDsaKey), $"a Healthy cluster has an ML-DSA-65 key: {run.Initial}");
        var oldPq = (await run.Api.EventsAsync("certificate_issued")).Last(e => e.TextIs("scheme", "ml-dsa-65")).Text("serialHex");
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

        // the post-quantum key is re-keyed within the epoch: its new certificate, then the old one revoked alone
        var newPq = await run.WaitEventAsync("certificate_issued", mark, e => e.TextIs("scheme", "ml-dsa-65"), "the re-keyed ML-DSA-65 key's certificate");
        var revoked = await run.WaitEventAsync("certificate_revoked", mark, null, "the replaced ML-DSA-65 certificate's revocation");
        run.Phase("pq re-certified");
        Assert.Equal((oldPq, "superseded"), (revoked.Text("serialHex"), revoked.Text("reason")));
        Assert.NotEqual(oldPq, newPq.Text("serialHex"));

        var healthy = await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
        run.Recovered();
        Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey, run.Initial.Ed25519Key), (healthy.Epoch, healthy.PublicKey, healthy.Ed25519Key));
        Assert.NotEqual(run.Initial.MlDsaKey, healthy.MlDsaKey);
        Assert.False(string.IsNullOrEmpty(healthy.MlDsaKey), $"the re-keyed ML-DSA-65 key is listed: {healthy}");
        // only the old PQ certificate: the classical certificates of the epoch stay valid
        Assert.Single(await run.Api.EventsAsync("certificate_revoked", mark));
        Assert.DoesNotContain(await run.Api.EventsAsync("ceremony_started", mark), e => e.TextIs("kind", "dkg"));
        await run.ExpectSigningContinuesAsync(DateTimeOffset.UtcNow);
        await run.ExpectPostQuantumSigningContinuesAsync();
        // a post-quantum request that met the seconds between the re-key and the new certificate's
        // installation is answered 503 (retryable, never lost; FinishAsync checks none is lost): classical ones never are
        Assert.DoesNotContain(run.Load.Rejections, r => !(r.Reason.StartsWith("hybrid 503/", StringComparison.Ordinal) || r.Reason.StartsWith("ml-dsa-65 503/", StringComparison.Ordinal)));
        await run.FinishAsync();
    }
}
