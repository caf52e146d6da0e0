using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Channel;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// A compromised n1 sends its victim n3 a round-2 share that fails n1's own Feldman commitment,
/// properly sealed to n3's ceremony key under the right context and signed with n1's real node
/// key, while every other node gets a good share. n3 cannot accept, so it files a complaint with
/// n1's signed delivery and its revealed ceremony key; every other node opens the share itself,
/// finds it bad and names n1 — and nobody keeps a share of the aborted epoch.
/// </summary>
[Collection(FleetCollection.Name)]
public class BadShareComplaintTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N3 = NodeId.Parse("n3");

    [Fact]
    public async Task A_bad_share_to_one_victim_gets_its_sender_named_by_every_other_node()
    {
        await using var cluster = await TestCluster.StartAsync();
        var begin = new BeginCeremony(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(1), 3, TestCluster.All, null);
        var corrupted = CorruptShareToVictim(cluster, begin);

        await cluster.Bus.Publish(begin);
        var outcome = await cluster.Ceremonies.WaitAsync(f => f.Ceremony == begin.Ceremony, 5);

        Assert.Single(corrupted);
        Assert.All(outcome, f => Assert.False(f.Ok));
        // the victim and every other node name exactly the sender, each on evidence it checked itself
        Assert.All(outcome, f => Assert.Equal([N1], f.Culprits));
        foreach (var judge in outcome.Where(f => f.Node != N3 && f.Node != N1))
        {
            Assert.Contains("complaint by n3 against n1", judge.Error, StringComparison.Ordinal);
            Assert.Contains("Feldman", judge.Error, StringComparison.Ordinal);
        }
        Assert.All(cluster.Nodes, n => Assert.False(n.Context.Vault.Holds(1)));
        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.OpenCeremonyRuns));
    }

    [Fact]
    public async Task A_bad_refresh_share_gets_its_sender_named_and_the_honest_nodes_keep_their_shares()
    {
        await using var cluster = await TestCluster.StartAsync();
        var dkg = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        Assert.All(dkg, f => Assert.True(f.Ok, f.Error));
        var before = cluster[N3].Context.Vault.PublicKeys(1)!.ToBytes();
        var begin = new BeginCeremony(CeremonyId.New(), CeremonyKind.Refresh, new KeyEpoch(1), 3, TestCluster.All, null);
        var corrupted = CorruptShareToVictim(cluster, begin);

        await cluster.Bus.Publish(begin);
        var outcome = await cluster.Ceremonies.WaitAsync(f => f.Ceremony == begin.Ceremony, 5);

        Assert.Single(corrupted);
        Assert.All(outcome, f => Assert.False(f.Ok));
        Assert.All(outcome, f => Assert.Equal([N1], f.Culprits));
        // nobody swapped in a refreshed share: every node still holds the epoch's pre-refresh package
        Assert.All(cluster.Nodes, n => Assert.Equal(before, n.Context.Vault.PublicKeys(1)!.ToBytes()));
    }

    [Fact]
    public async Task A_bad_P384_share_beside_a_good_Ed25519_share_gets_its_sender_named()
    {
        await using var cluster = await TestCluster.StartAsync();
        var begin = new BeginCeremony(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(1), 3, TestCluster.All, null);
        var corrupted = new List<int>();
        cluster[N1].Context.Messenger.Compromised = (to, message) =>
        {
            if (message is not CeremonySecretDelivered d || d.Ceremony != begin.Ceremony || d.To != N3 || d.Step != SecretMail.Round2Step) return message;
            var run = cluster[N1].Dkg.OpenRun(begin.Ceremony)!;
            var (frost, p384) = SealedShares.Split(d.Sealed)!.Value;
            var victimKey = ChannelSeal.SealedTo(new SealedSecret(p384!))!.Value;
            using var bad = new CcTsa.Crypto.Dkls23.Dkg.DkgRound2(ParticipantId.FromNode(N1), ParticipantId.FromNode(N3), CcTsa.Crypto.P384.P384Scalar.RandomNonZero());
            lock (corrupted) corrupted.Add(1);
            return d with { Sealed = SealedShares.Join(frost, bad.SealTo(victimKey, SecretMail.Round2Context(N1, N3, run.Binding!, run.Transcript!)).Payload) };
        };

        await cluster.Bus.Publish(begin);
        var outcome = await cluster.Ceremonies.WaitAsync(f => f.Ceremony == begin.Ceremony, 5);

        Assert.Single(corrupted);
        Assert.All(outcome, f => Assert.False(f.Ok));
        Assert.All(outcome, f => Assert.Equal([N1], f.Culprits));
        foreach (var judge in outcome.Where(f => f.Node != N3 && f.Node != N1))
            Assert.Contains("P-384 share n1 sent fails its Feldman commitment", judge.Error, StringComparison.Ordinal);
        Assert.All(cluster.Nodes, n => Assert.False(n.Context.Vault.Holds(1)));
    }

    /// <summary>Makes n1 (compromised) seal n3 a share that fails n1's commitment; counts the corrupted deliveries.</summary>
    private static List<int> CorruptShareToVictim(TestCluster cluster, BeginCeremony begin)
    {
        var corrupted = new List<int>();
        cluster[N1].Context.Messenger.Compromised = (to, message) =>
        {
            if (message is not CeremonySecretDelivered d || d.Ceremony != begin.Ceremony || d.To != N3 || d.Step != SecretMail.Round2Step) return message;
            var run = cluster[N1].Dkg.OpenRun(begin.Ceremony)!;
            var (frost, p384) = SealedShares.Split(d.Sealed)!.Value;
            var victimKey = ChannelSeal.SealedTo(new SealedSecret(frost))!.Value;
            using var bad = new Round2Package(ParticipantId.FromNode(N1), ParticipantId.FromNode(N3), Scalar.Random());
            lock (corrupted) corrupted.Add(1);
            // the Ed25519 half is bad, the P-384 half stays as n1 dealt it
            return d with { Sealed = SealedShares.Join(bad.SealTo(victimKey, SecretMail.Round2Context(N1, N3, run.Binding!, run.Transcript!)).Payload, p384) };
        };
        return corrupted;
    }
}
