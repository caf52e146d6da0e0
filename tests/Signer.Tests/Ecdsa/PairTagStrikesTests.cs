using CcTsa.Signer.Participants;

namespace CcTsa.Signer.Tests.Ecdsa;

/// <summary>
/// The bound on a peer that sends a wrong pair tag on purpose (issue 15): a mismatch names nobody
/// while an honest peer could cause it (a lost setup message, then crossed re-setups), but once it
/// outlasts that many fresh setups of ours in a row, the peer is named.
/// </summary>
public class PairTagStrikesTests
{
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public void Runs_on_one_pair_of_ours_add_no_evidence_but_each_fresh_setup_that_still_mismatches_does()
    {
        var strikes = new PairTagStrikes();
        // many runs on the same pair (the redo is rate-limited or under way) count as one mismatched setup
        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(1, strikes.Mismatched(1, N4, "A")));
        Assert.Equal(2, strikes.Mismatched(1, N4, "B"));
        Assert.Equal(3, strikes.Mismatched(1, N4, "C"));
        Assert.False(PairTagStrikes.Persists(3));
        var fourth = strikes.Mismatched(1, N4, "D");
        Assert.True(PairTagStrikes.Persists(fourth));
        // and it stays named while it keeps our pair mismatched
        Assert.True(PairTagStrikes.Persists(strikes.Mismatched(1, N4, "D")));
        // other peers and epochs keep their own counts
        Assert.Equal(1, strikes.Mismatched(1, N5, "D"));
        Assert.Equal(1, strikes.Mismatched(2, N4, "D"));
    }

    [Fact]
    public void A_run_whose_tags_matched_or_a_restart_of_the_peer_clears_the_count()
    {
        var strikes = new PairTagStrikes();
        foreach (var tag in new[] { "A", "B", "C" }) strikes.Mismatched(1, N4, tag);
        strikes.Matched(1, N4);
        Assert.Equal(1, strikes.Mismatched(1, N4, "D"));
        foreach (var tag in new[] { "E", "F" }) strikes.Mismatched(1, N4, tag);
        strikes.Mismatched(1, N5, "A");
        strikes.Forget(N4);
        Assert.Equal(1, strikes.Mismatched(1, N4, "G"));
        Assert.Equal(2, strikes.Mismatched(1, N5, "B"));
    }

    [Fact]
    public void Counts_of_a_dropped_epoch_are_forgotten_and_the_held_epoch_keeps_its_own()
    {
        var strikes = new PairTagStrikes();
        foreach (var tag in new[] { "A", "B" }) strikes.Mismatched(1, N4, tag);
        foreach (var tag in new[] { "A", "B" }) strikes.Mismatched(2, N4, tag);
        strikes.ForgetEpochsWhere(epoch => epoch == 1);
        Assert.Equal(1, strikes.Mismatched(1, N4, "C"));
        Assert.Equal(3, strikes.Mismatched(2, N4, "C"));
    }
}
