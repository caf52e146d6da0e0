using System.Collections.Immutable;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Health;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Health;

/// <summary>
/// Threshold ECDSA signs only with signers that are pairwise set up with each other: readiness asks
/// for t of them. A fleet whose survivors have not finished their setups must not look ready.
/// </summary>
public sealed class EcdsaQuorumTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Three_signers_paired_with_each_other_make_a_quorum()
    {
        var nodes = Fleet(("n1", "n2 n3"), ("n2", "n1 n3"), ("n3", "n1 n2"));
        Assert.True(EcdsaQuorum.Exists(nodes, 3));
    }

    [Fact]
    public void A_pair_reported_by_one_side_only_is_not_a_pair()
    {
        // n3 lost its side (restarted or stalled): n1 and n2 still list it
        var nodes = Fleet(("n1", "n2 n3"), ("n2", "n1 n3"), ("n3", "n1"));
        Assert.False(EcdsaQuorum.Exists(nodes, 3));
        Assert.True(EcdsaQuorum.Exists(nodes, 2));
    }

    [Fact]
    public void The_quorum_is_found_among_more_signers_than_needed()
    {
        // n1 has no pairs yet (a replacement); n2, n4, n5 are paired with each other
        var nodes = Fleet(("n1", ""), ("n2", "n4 n5"), ("n3", "n2"), ("n4", "n2 n5"), ("n5", "n2 n4"));
        Assert.True(EcdsaQuorum.Exists(nodes, 3));
        Assert.False(EcdsaQuorum.Exists(nodes, 4));
    }

    [Fact]
    public void Too_few_signers_and_nodes_reporting_no_pairs()
    {
        Assert.False(EcdsaQuorum.Exists(Fleet(("n1", "n2"), ("n2", "n1")), 3));
        // senders that predate the field report none: nothing to wait for
        var legacy = new[] { Node("n1", null), Node("n2", null), Node("n3", null) };
        Assert.True(EcdsaQuorum.Exists(legacy, 3));
    }

    [Fact]
    public void Readiness_names_the_missing_pairwise_setups()
    {
        var verdict = ReadinessRules.Decide(2, false, true, 5, 3, null, ecdsaPaired: false);
        Assert.False(verdict.Ready);
        Assert.Equal(["no 3 reachable signers of epoch 2 have finished their pairwise threshold-ECDSA setups with each other"], verdict.Reasons);
        Assert.True(ReadinessRules.Decide(2, false, true, 5, 3, null, ecdsaPaired: true).Ready);
    }

    private static NodeView[] Fleet(params (string Id, string Paired)[] nodes) =>
        [.. nodes.Select(n => Node(n.Id, n.Paired.Split(' ', StringSplitOptions.RemoveEmptyEntries)))];

    private static NodeView Node(string id, string[]? paired) =>
        new(NodeId.Parse(id), "p", true, true, 1, true, false, T0, 3)
        {
            EcdsaPairedPeers = paired is null ? null : [.. paired.Select(NodeId.Parse)],
        };
}
