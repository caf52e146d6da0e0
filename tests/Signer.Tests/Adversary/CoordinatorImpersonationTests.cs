using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// C1: the bus plays coordinator. It asks a participant for shares in an attested node's name —
/// unsigned, signed with its own key, or under a genuine request's signature copied onto a
/// rewritten request — hoping to aggregate what comes back. The participant drops every one of
/// them before its signing code runs: no share, no refusal, nothing to aggregate.
/// </summary>
[Collection(FleetCollection.Name)]
public class CoordinatorImpersonationTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task A_share_request_not_signed_by_its_coordinator_gets_no_share()
    {
        using var relay = new MaliciousRelay();
        await using var cluster = await TestCluster.StartAsync(observe: relay.Observe);
        relay.Attach(cluster);
        await cluster.DkgAndCertifyAsync(1);
        // n4, n5 avoided so that n1 asks n2 and n3 (left to the commitment stock, n1 once signed without n2: one CI)
        TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2), avoid: [N4, N5]));
        // A genuine request from n1 to n2 is the template: valid items, evidence and commitments.
        var (genuine, headers) = relay.Seen<ProduceSignatureShares>().First(p => p.Message.Coordinator == N1 && p.Message.Participant == N2);
        var rounds = new[] { RoundId.New(), RoundId.New(), RoundId.New() };

        await relay.SendUnsignedAsync(N2, genuine with { Round = rounds[0] });
        await relay.SendForgedAsync(N2, N1, genuine with { Round = rounds[1] });
        await relay.SendWithHeadersAsync(N2, genuine with { Round = rounds[2] }, headers);

        var dropped = cluster[N2].DroppedMessages;
        await Eventually.TrueAsync(() => dropped.OfKind(nameof(ProduceSignatureShares)) >= 3, "n2 dropped all three requests");
        await cluster.ProbeRoundAsync(); // n2's queue moved on: an answer, had there been one, would be out by now
        Assert.DoesNotContain(relay.Seen<SignatureSharesProduced>(), s => rounds.Contains(s.Message.Round));
        Assert.DoesNotContain(relay.Seen<SignatureSharesRefused>(), s => rounds.Contains(s.Message.Round));
    }
}
