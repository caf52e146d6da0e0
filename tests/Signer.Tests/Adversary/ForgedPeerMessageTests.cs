using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// H2: the bus writes messages in an honest node's name — unsigned, or signed with a key that is
/// not the one the node's attestation report bound. Receivers drop and count them; the protocol
/// runs on the genuine messages, and the named node is never excluded nor called a culprit.
/// </summary>
[Collection(FleetCollection.Name)]
public class ForgedPeerMessageTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");

    [Fact]
    public async Task Forged_round1_broadcasts_and_secret_deliveries_are_dropped_and_the_dkg_names_no_culprit()
    {
        using var relay = new MaliciousRelay();
        await using var cluster = await TestCluster.StartAsync(observe: relay.Observe);
        relay.Attach(cluster);
        var garbage = Enumerable.Repeat((byte)0xA5, 96).ToArray();
        relay.OnGenuine = async m =>
        {
            if (m is CeremonyRound1Broadcast b && b.From == N2) await relay.PublishForgedAsync(N2, b with { Package = garbage });
            if (m is CeremonySecretDelivered d && d.From == N2) await relay.SendUnsignedAsync(d.To, d with { Sealed = garbage });
        };

        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        relay.OnGenuine = null;

        Assert.All(finished, f =>
        {
            Assert.True(f.Ok, f.Error);
            Assert.Empty(f.Culprits);
        });
        var others = cluster.Nodes.Where(n => n.Id != N2).ToList();
        await Eventually.TrueAsync(() => others.All(n => n.DroppedMessages.OfKind(nameof(CeremonyRound1Broadcast)) >= 1), "every peer dropped the forged round-1 package");
        await Eventually.TrueAsync(() => others.Sum(n => n.DroppedMessages.OfKind(nameof(CeremonySecretDelivered))) >= 1, "the forged secret delivery was dropped");
        Assert.All(others, n => Assert.True(n.Context.Peers.IsAttested(N2)));
    }

    [Fact]
    public async Task Forged_shares_refusals_and_commitments_are_dropped_and_the_named_node_is_never_blamed()
    {
        using var relay = new MaliciousRelay();
        await using var cluster = await TestCluster.StartAsync(observe: relay.Observe);
        relay.Attach(cluster);
        await cluster.DkgAndCertifyAsync(1);

        // Commitments the coordinator would spend on N2's behalf: poisoned, they'd make N2's honest shares look bad.
        var bogus = new NonceCommitmentsIssued(N2, N1, new KeyEpoch(1), [.. Enumerable.Range(0, 8).Select(_ => new byte[64])]);
        await relay.SendUnsignedAsync(N1, bogus);
        await relay.SendForgedAsync(N1, N2, bogus);
        // Race every honest answer with a refusal and garbage shares in the participant's name.
        relay.OnGenuine = async m =>
        {
            if (m is not ProduceSignatureShares p || p.Participant == p.Coordinator) return;
            await relay.SendUnsignedAsync(p.Coordinator, new SignatureSharesRefused(p.Round, p.Participant, "forged refusal"));
            await relay.SendForgedAsync(p.Coordinator, p.Participant, new SignatureSharesProduced(p.Round, p.Participant, [.. p.Items.Select(_ => new byte[32])]));
        };

        for (var i = 0; i < 3; i++)
            TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(4, seed: 10 * i)));
        relay.OnGenuine = null;

        var dropped = cluster[N1].DroppedMessages;
        await Eventually.TrueAsync(() => dropped.OfKind(nameof(NonceCommitmentsIssued)) >= 2
            && dropped.OfKind(nameof(SignatureSharesRefused)) >= 1 && dropped.OfKind(nameof(SignatureSharesProduced)) >= 1,
            "the coordinator dropped every forgery");
        Assert.Empty(cluster.Failed.Items);
        Assert.All(TestCluster.All.Where(n => n != N1), n => Assert.True(cluster[N1].Context.Peers.IsAttested(n)));
    }
}
