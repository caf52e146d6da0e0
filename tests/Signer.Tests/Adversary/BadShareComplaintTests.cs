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
        var corrupted = 0;
        cluster[N1].Context.Messenger.Compromised = (to, message) =>
        {
            if (message is not CeremonySecretDelivered d || d.To != N3 || d.Step != SecretMail.Round2Step) return message;
            var run = cluster[N1].Dkg.OpenRun(begin.Ceremony)!;
            var victimKey = ChannelSeal.SealedTo(new SealedSecret(d.Sealed))!.Value;
            using var bad = new Round2Package(ParticipantId.FromNode(N1), ParticipantId.FromNode(N3), Scalar.Random());
            Interlocked.Increment(ref corrupted);
            return d with { Sealed = bad.SealTo(victimKey, SecretMail.Round2Context(N1, N3, run.Binding!, run.Transcript!)).Payload };
        };

        await cluster.Bus.Publish(begin);
        var outcome = await cluster.Ceremonies.WaitAsync(f => f.Ceremony == begin.Ceremony, 5);

        Assert.Equal(1, corrupted);
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
}
