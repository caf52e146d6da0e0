using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// M1: one victim (n3) sees a different round-1 package for n1 than everyone else sees. A relay
/// cannot do this any more (its copy fails n1's message signature and is dropped), so n1 itself
/// equivocates: a compromised signer, signing with its real node key
/// (here a package the relay made itself, with a valid proof bound to this very ceremony, so
/// every single-node check passes). Without broadcast consistency the victim ends with shares
/// that fail against n1's commitment and blames honest n1, or with wrong verifying shares. Now
/// every node compares round-1 transcripts before any share leaves it: the DKG aborts
/// everywhere, nobody is named, nobody stores a key.
/// </summary>
[Collection(FleetCollection.Name)]
public class SplitViewDkgTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N3 = NodeId.Parse("n3");

    [Fact]
    public async Task Split_view_commitment_aborts_the_dkg_without_naming_an_honest_node()
    {
        var (cluster, relay) = await CeremonyRelay.StartAsync();
        await using var _ = cluster;
        var begin = new BeginCeremony(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(1), 3, TestCluster.All, null);
        var binding = new CeremonyBinding(begin.Ceremony, "Dkg", 1, 3, TestCluster.All.Select(ParticipantId.FromNode), CeremonyBinding.NoPublicKeys);
        var (secret, forged) = Dealerless.Part1(ParticipantId.FromNode(N1), binding);
        secret.Dispose();

        // the forged package reaches the victim first (buffered before BeginCeremony), the real one later
        await relay.InjectAsInsiderAsync(N1, N3, new CeremonyRound1Broadcast(begin.Ceremony, CeremonyKind.Dkg, N1, forged.ToBytes(), ForgedCeremonyKey()));
        await CeremonyRelay.WaitUntilAsync(() => cluster[N3].OpenCeremonyRuns == 1);
        var outcome = await relay.BeginAsync(begin, 5);

        Assert.All(outcome, f => Assert.False(f.Ok));
        Assert.All(outcome, f => Assert.Empty(f.Culprits));
        Assert.Contains(outcome, f => f.Error!.Contains("transcripts differ", StringComparison.Ordinal));
        Assert.All(cluster.Nodes, n => Assert.False(n.Context.Vault.Holds(1)));
    }

    private static byte[] ForgedCeremonyKey()
    {
        using var key = CcTsa.Crypto.Channel.ChannelKeyPair.Generate();
        return key.PublicKey.Bytes.ToArray();
    }

}
