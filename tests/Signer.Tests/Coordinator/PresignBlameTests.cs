using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Tests.Coordinator;

/// <summary>
/// Whom a failed presigning step leaves out. A pair mismatch (two setups of one pair; a lost setup
/// message, nobody's fault) that only the coordinator sees leaves out just the unpaired peer, not
/// the whole subset; a peer's word about its pairs never leaves out anyone but itself.
/// </summary>
public class PresignBlameTests
{
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    private static PresignStepAnswered Failed(NodeId from, string why, IReadOnlyList<NodeId>? culprits = null, IReadOnlyList<NodeId>? unpaired = null) =>
        new(RoundId.New(), from, N2, 2, [], [], why, culprits ?? [], unpaired);

    [Fact]
    public void A_mismatch_only_the_coordinator_sees_leaves_out_only_the_unpaired_peer_and_names_nobody()
    {
        var outcome = PresignBlame.Outcome(N2, 2, [N4, N5], [Failed(N2, "PairMismatch", unpaired: [N4])]);
        Assert.Equal([N4], outcome.Exclude);
        Assert.Empty(outcome.Culprits);
        Assert.False(outcome.Fatal);
        Assert.Contains("n2: PairMismatch", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mismatch_both_ends_see_leaves_out_the_peer_once()
    {
        var outcome = PresignBlame.Outcome(N2, 2, [N4, N5], [Failed(N2, "PairMismatch", unpaired: [N4]), Failed(N4, "PairMismatch", unpaired: [N2])]);
        Assert.Equal([N4], outcome.Exclude);
        Assert.Empty(outcome.Culprits);
    }

    // adversary: n5 claims its pair with honest n4 differs; only n5 sits out, n4 is neither left out nor named
    [Fact]
    public void A_peer_claiming_unpaired_peers_leaves_out_only_itself()
    {
        var outcome = PresignBlame.Outcome(N2, 2, [N4, N5], [Failed(N5, "PairMismatch", unpaired: [N4])]);
        Assert.Equal([N5], outcome.Exclude);
        Assert.Empty(outcome.Culprits);
    }

    [Fact]
    public void Unpaired_peers_outside_the_subset_are_ignored_and_a_nameless_own_failure_still_leaves_out_the_subset()
    {
        var outside = PresignBlame.Outcome(N2, 2, [N4, N5], [Failed(N2, "PairMismatch", unpaired: [NodeId.Parse("n3")])]);
        Assert.Equal([N4, N5], outside.Exclude);
        var keyCheck = PresignBlame.Outcome(N2, 3, [N4, N5], [Failed(N2, "KeyCheckFailed")]);
        Assert.Equal([N4, N5], keyCheck.Exclude);
        Assert.Empty(keyCheck.Culprits);
    }

    [Fact]
    public void Only_the_coordinators_own_checks_name_a_culprit_and_a_peers_accusation_leaves_out_both_ends()
    {
        var own = PresignBlame.Outcome(N2, 2, [N4, N5], [Failed(N2, "OtExtensionCheckFailed", culprits: [N5])]);
        Assert.Equal([N5], own.Exclude);
        Assert.Equal([N5], own.Culprits);
        var accusation = PresignBlame.Outcome(N2, 2, [N4, N5], [Failed(N4, "OtExtensionCheckFailed", culprits: [N5])]);
        Assert.Equal(new HashSet<NodeId> { N4, N5 }, accusation.Exclude.ToHashSet());
        Assert.Empty(accusation.Culprits);
    }
}
