using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Tests.Adversary;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Ecdsa;

/// <summary>
/// A relay (the bus does not order messages) holds back n4's fresh setup offer to n2 until n4's
/// reply to n2's own offer has been answered. The late offer is one n4 already replaced: taken as
/// new, it would tear down n2's attempt just before n4's answer finishes it, leaving n4 paired and
/// n2 not (until a stall reconcile, here an hour away). Offers are numbered per sender, so n2
/// ignores the superseded one and the pair completes on both sides.
/// </summary>
[Collection(FleetCollection.Name)]
public class ReorderedPairOfferTests
{
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N4 = NodeId.Parse("n4");

    [Fact]
    public async Task A_superseded_offer_delivered_late_is_ignored_and_the_pair_completes_on_both_sides()
    {
        var (cluster, groupKey) = await Fleet.EcdsaSigningTests.EcdsaFleetAsync(certify: false,
            customize: (_, o) => o with { PairSetupStalledAfter = TimeSpan.FromHours(1) });
        await using var __ = cluster;

        EcdsaPairSetupOffered? heldOffer = null;
        EcdsaPairSetupAnswered? heldAnswer = null;
        var released = false;
        var n2Answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var n2RepliedToStale = false;
        cluster[N4].Context.Messenger.Compromised = (to, message) =>
        {
            if (to != N2 || Volatile.Read(ref released)) return message;
            switch (message)
            {
                case EcdsaPairSetupOffered { InReplyTo: null } fresh when heldOffer is null:
                    heldOffer = fresh;
                    return null;
                case EcdsaPairSetupAnswered answer when heldAnswer is null:
                    heldAnswer = answer;
                    return null;
                default:
                    return message;
            }
        };
        cluster[N2].Context.Messenger.Compromised = (to, message) =>
        {
            if (to == N4 && message is EcdsaPairSetupAnswered) n2Answered.TrySetResult();
            if (to == N4 && message is EcdsaPairSetupOffered { InReplyTo: { } re } && re == heldOffer?.Attempt) Volatile.Write(ref n2RepliedToStale, true);
            return message;
        };

        // n4 offers first (held back), then n2 offers; n4 replies to n2's offer with a newer attempt
        Assert.True(cluster[N4].Context.Vault.Use(1, s => { s.Ecdsa!.RemovePair(ParticipantId.FromNode(N2)); return true; }, out _));
        await cluster[N4].ReconcilePairsAsync();
        await Eventually.TrueAsync(() => heldOffer is not null, "n4's fresh offer to n2, held by the relay");
        Assert.True(cluster[N2].Context.Vault.Use(1, s => { s.Ecdsa!.RemovePair(ParticipantId.FromNode(N4)); return true; }, out _));
        await cluster[N2].ReconcilePairsAsync();

        // n2 answered n4's reply: now the relay delivers the superseded offer, then n4's answer
        await n2Answered.Task.WaitAsync(MessageLog<object>.Patience);
        await Eventually.TrueAsync(() => heldAnswer is not null, "n4's answer to n2, held by the relay");
        Volatile.Write(ref released, true);
        Assert.True(await cluster[N4].Context.Messenger.SendAsync(N2, heldOffer!));
        await Task.Delay(500);
        Assert.True(await cluster[N4].Context.Messenger.SendAsync(N2, heldAnswer!));

        await EcdsaKeyCeremonyTests.AllPairsAsync(cluster, 1);
        Assert.False(Volatile.Read(ref n2RepliedToStale), "n2 answered an offer n4 had already replaced");
        EcdsaKeyCeremonyTests.AssertSigns(cluster, 1, groupKey, [2, 4, 5]);
    }
}
