using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// M1 (replay): n1's round-1 package of one DKG is played into the next DKG (another ceremony,
/// another epoch) in place of its fresh one. The relay cannot do that any more (a copy under n1's
/// old signature fails the replay window, an unsigned one is dropped), so a compromised n1 does it
/// with its own node key. The proof of knowledge now
/// covers the ceremony binding, so the recorded package's proof fails under the new ceremony;
/// on the fleet the ceremony aborts and nobody stores a share of the new epoch.
/// </summary>
[Collection(FleetCollection.Name)]
public class ReplayedRound1Tests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");

    [Fact]
    public async Task Old_round1_package_from_another_ceremony_fails_its_proof()
    {
        var (cluster, relay) = await CeremonyRelay.StartAsync();
        await using var _ = cluster;
        var first = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        Assert.All(first, f => Assert.True(f.Ok, f.Error));
        var recorded = relay.Round1(first[0].Ceremony).Single(m => m.From == N1);

        var next = new BeginCeremony(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(2), 3, TestCluster.All, null);
        var binding = new CeremonyBinding(next.Ceremony, "Dkg", 2, 3, TestCluster.All.Select(ParticipantId.FromNode), CeremonyBinding.NoPublicKeys);
        var old = Round1Package.FromBytes(recorded.Package).Value;
        Assert.False(Dealerless.VerifyKnowledge(old, binding.Encoding));

        foreach (var peer in TestCluster.All.Where(p => p != N1))
        {
            await relay.InjectAsInsiderAsync(N1, peer, recorded with { Ceremony = next.Ceremony });
            await CeremonyRelay.WaitUntilAsync(() => cluster[peer].OpenCeremonyRuns == 1);
        }
        var outcome = await relay.BeginAsync(next, 5);
        Assert.All(outcome, f => Assert.False(f.Ok));
        Assert.All(cluster.Nodes, n => Assert.False(n.Context.Vault.Holds(2)));
    }
}
