using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// M2: the relay asks the fleet for weaker ceremonies than it runs. Each is refused by the signer
/// nodes themselves (the configured 3-of-5 is theirs, not the control plane's): t = 2, a DKG over
/// four nodes, a DKG for the epoch already held and certified (it used to overwrite the live
/// share), a refresh leaving a holder out (it used to leave that holder's stale share combinable).
/// The live epoch is untouched afterwards. An epoch that never got its certificate (its DKG timed
/// out at the control plane after the nodes had finished) is not live: a new DKG replaces it.
/// </summary>
[Collection(FleetCollection.Name)]
public class ParameterDowngradeTests
{
    private static readonly IReadOnlyList<NodeId> FirstFour = [.. TestCluster.All.Take(4)];

    [Fact]
    public async Task Weaker_ceremonies_are_refused_by_the_signers()
    {
        var (cluster, relay) = await CeremonyRelay.StartAsync();
        await using var _ = cluster;
        await cluster.DkgAndCertifyAsync(1);
        var n1 = cluster[TestCluster.All[0]];
        var before = n1.Context.Vault.PublicKeys(1)!.ToBytes();

        await RefusedAsync(relay, CeremonyKind.Dkg, 2, 2, TestCluster.All, "threshold 2 refused");
        await RefusedAsync(relay, CeremonyKind.Dkg, 2, 3, FirstFour, "must span the fleet");
        await RefusedAsync(relay, CeremonyKind.Dkg, 1, 3, TestCluster.All, "already held");
        await RefusedAsync(relay, CeremonyKind.Refresh, 1, 3, FirstFour, "every holder");
        await RefusedAsync(relay, CeremonyKind.Refresh, 1, 2, TestCluster.All, "threshold 2 refused");

        Assert.Equal(before, n1.Context.Vault.PublicKeys(1)!.ToBytes());
        Assert.All(cluster.Nodes, n => Assert.False(n.Context.Vault.Holds(2)));
    }

    [Fact]
    public async Task A_DKG_replaces_the_shares_of_an_epoch_that_was_never_certified()
    {
        await using var cluster = await TestCluster.StartAsync();
        // the nodes finished, the control plane did not hear it in time and aborted: no certificate follows
        var abandoned = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        Assert.All(abandoned, f => Assert.True(f.Ok, f.Error));

        var retried = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        Assert.All(retried, f => Assert.True(f.Ok, f.Error));
        Assert.NotEqual(abandoned[0].GroupPublicKey, retried[0].GroupPublicKey);
        Assert.All(cluster.Nodes, n => Assert.Equal(retried[0].GroupPublicKey, n.Context.Vault.PublicKeys(1)!.VerifyingKey.Encoding.ToArray()));
    }

    private static async Task RefusedAsync(CeremonyRelay relay, CeremonyKind kind, int epoch, int threshold, IReadOnlyList<NodeId> participants, string reason)
    {
        var begin = new BeginCeremony(CeremonyId.New(), kind, new KeyEpoch(epoch), threshold, participants, null);
        var outcome = await relay.BeginAsync(begin, participants.Count);
        Assert.All(outcome, f => Assert.False(f.Ok));
        Assert.All(outcome, f => Assert.Contains(reason, f.Error, StringComparison.Ordinal));
        Assert.All(outcome, f => Assert.Empty(f.Culprits));
    }
}
