using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Signer.Participants;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Ecdsa;

/// <summary>
/// The pairwise-setup offer numbering (the highest offer sequence seen per epoch and peer, which
/// tells a superseded offer from a fresh one) and the unfinished setup attempts are forgotten with
/// the epochs the node drops after a rekey, and only with them: in the epoch it still holds a fresh offer is answered and one the
/// peer already replaced is still ignored. Offers are real ones, made by n4's own setup steps over
/// the shares the two DKGs left in its vault.
/// </summary>
[Collection(FleetCollection.Name)]
public class DroppedEpochOfferTests
{
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N4 = NodeId.Parse("n4");

    [Fact]
    public async Task A_dropped_epochs_offer_numbering_is_forgotten_and_the_held_epoch_still_refuses_stale_offers()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.RunCeremonyOkAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        await cluster.RunCeremonyOkAsync(CeremonyKind.Dkg, 2, TestCluster.All);
        var n2 = new PairSetupSteps(cluster[N2].Context, () => { });
        var n4 = new PairSetupSteps(cluster[N4].Context, () => { });

        var first = n2.Answer(n4.Offer(1, N2, force: true)!).Answer;
        Assert.NotNull(first);
        Assert.Equal([1], n2.NumberedEpochs());
        Assert.NotNull(n2.Pending(1, N4, first.Attempt));

        // the rekey's discard: epoch 1's share leaves the vault, and its numbering and unfinished attempt with it
        Assert.True(cluster[N2].Context.Vault.Discard(1));
        n2.ForgetDroppedEpochs();
        Assert.Empty(n2.NumberedEpochs());
        Assert.Null(n2.Pending(1, N4, first.Attempt));

        // the new epoch: n4 replaces an offer before n2 sees it, and the bus delivers the newer one first
        var stale = n4.Offer(2, N2, force: true)!;
        var fresh = n4.Offer(2, N2, force: true)!;
        Assert.True(fresh.Sequence > stale.Sequence);
        var answered = n2.Answer(fresh);
        Assert.NotNull(answered.Answer);
        Assert.NotNull(answered.Reply);
        Assert.Equal(fresh.Attempt, answered.Answer.OfferAttempt);
        Assert.Equal(default, n2.Answer(stale));
        Assert.Equal([2], n2.NumberedEpochs());

        // an epoch still held is left alone: its numbering keeps refusing the superseded offer
        n2.ForgetDroppedEpochs();
        Assert.Equal([2], n2.NumberedEpochs());
        Assert.Equal(default, n2.Answer(stale));
    }
}
