using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// H1: the relay records the repair that gave a replacement n5 its share, lets a refresh run, then
/// replays the repair (same ceremony id with the recorded sealed σs, and a fresh id). Before the
/// fix n5 re-opened the old σs and stored its pre-refresh share, so two stolen pre-refresh shares
/// plus the rolled-back n5 could sign. Now the completed id is refused and a recipient that holds
/// the epoch refuses any repair of it: n5 keeps its refreshed share.
/// </summary>
[Collection(FleetCollection.Name)]
public class ReplayedRepairAfterRefreshTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task Replayed_repair_after_refresh_does_not_roll_back_the_share()
    {
        var (cluster, relay) = await CeremonyRelay.StartAsync();
        await using var _ = cluster;
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        await cluster.InjectAsync(new InjectFault(N5, FaultKind.Kill, 0, []));
        await cluster.StartNodeAsync(N5);
        await cluster.WaitMutuallyAttestedAsync(TestCluster.All);

        var repaired = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [N1, N2, N3], N5);
        Assert.All(repaired, f => Assert.True(f.Ok, f.Error));
        var recorded = repaired[0].Ceremony;
        var sigmas = relay.Secrets(recorded).Where(m => m.To == N5).ToList();
        Assert.Equal(3, sigmas.Count);
        var refreshed = await cluster.RunCeremonyAsync(CeremonyKind.Refresh, 1, TestCluster.All);
        Assert.All(refreshed, f => Assert.True(f.Ok, f.Error));
        var afterRefresh = VerifyingShare(cluster[N5]);
        Assert.Equal(refreshed.Single(f => f.Node == N5).VerifyingShare, afterRefresh);

        // replay 1: the recorded ceremony as it was, BeginCeremony and the three sealed σs
        await cluster.Bus.Publish(new BeginCeremony(recorded, CeremonyKind.Redistribution, new KeyEpoch(1), 3, [N1, N2, N3], N5));
        // sent by the helpers' own messengers (compromised helpers re-sending), so the replay passes
        // sender authentication and reaches the ceremony checks
        foreach (var sigma in sigmas) await relay.InjectAsInsiderAsync(sigma.From, N5, sigma);
        // replay 2: the same repair under a fresh id (the helpers take part; n5 must refuse)
        var fresh = new BeginCeremony(CeremonyId.New(), CeremonyKind.Redistribution, new KeyEpoch(1), 3, [N1, N2, N3], N5);
        var outcome = await relay.BeginAsync(fresh, 4);
        var atN5 = outcome.Single(f => f.Node == N5);
        Assert.False(atN5.Ok);
        Assert.Contains("already held", atN5.Error);
        Assert.Empty(atN5.Culprits);

        Assert.Equal(afterRefresh, VerifyingShare(cluster[N5]));
        // the replayed id opened no run anywhere: its only outcomes are those of the real repair
        Assert.Single(cluster.Ceremonies.Items, f => f.Ceremony == recorded && f.Node == N5);
        await cluster.InstallCertificateAsync(1);
        var items = Requests.Batch(5);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N5, 1, items));
        Assert.Contains(N5, signed.Signers);
        Requests.VerifyIndependently(signed.Tokens[0], items[0], cluster.Certificate!.Der, groupKey);
    }

    private static byte[] VerifyingShare(SignerNode node)
    {
        Assert.True(node.Context.Vault.Use(1, s => s.Key.VerifyingShare.Encoding.ToArray(), out var share));
        return share;
    }
}
