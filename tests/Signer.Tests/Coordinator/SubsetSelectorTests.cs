using CcTsa.Signer.Coordinator;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CcTsa.Signer.Tests.Coordinator;

public class SubsetSelectorTests
{
    private static NodeId N(int i) => NodeId.FromIndex(i);

    private static PeerView Healthy(int i, int commitments = 0) => new(N(i), true, true, true, commitments);

    [Fact]
    public void Choose_with_enough_healthy_peers_picks_threshold_minus_one_lowest_index()
    {
        var chosen = SubsetSelector.Choose(3, [Healthy(5), Healthy(2), Healthy(3), Healthy(4)], new HashSet<NodeId>(), 10);
        Assert.True(chosen.IsOk);
        Assert.Equal([N(2), N(3)], chosen.Value);
    }

    [Fact]
    public void Choose_prefers_peers_with_enough_reserved_commitments()
    {
        var chosen = SubsetSelector.Choose(3, [Healthy(2, 0), Healthy(3, 5), Healthy(4, 100), Healthy(5, 100)], new HashSet<NodeId>(), 50);
        Assert.Equal([N(4), N(5)], chosen.Value);
    }

    [Fact]
    public void Choose_skips_unattested_unhealthy_unreachable_and_excluded_peers()
    {
        PeerView[] peers =
        [
            new(N(2), Attested: false, ClockHealthy: true, Reachable: true, 0),
            new(N(3), Attested: true, ClockHealthy: false, Reachable: true, 0),
            new(N(4), Attested: true, ClockHealthy: true, Reachable: false, 0),
            Healthy(5),
            Healthy(6),
            Healthy(7),
        ];
        var chosen = SubsetSelector.Choose(3, peers, new HashSet<NodeId> { N(6) }, 1);
        Assert.Equal([N(5), N(7)], chosen.Value);
    }

    [Fact]
    public void Choose_with_one_reachable_peer_of_two_needed_fails_below_quorum()
    {
        var chosen = SubsetSelector.Choose(3, [Healthy(2), new PeerView(N(3), true, true, false, 0)], new HashSet<NodeId>(), 1);
        Assert.False(chosen.IsOk);
        Assert.Contains("below quorum", chosen.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_with_subset_bound_stock_picks_the_stocked_subset_not_the_best_peers()
    {
        // DKLs23: presignatures belong to one signer set; {3,5} is stocked although 2 and 4 rank first peer by peer
        var stock = new Dictionary<string, int> { ["n3,n5"] = 4, ["n2,n4"] = 1 };
        var chosen = SubsetSelector.Choose(3, [Healthy(2, 9), Healthy(3, 4), Healthy(4, 9), Healthy(5, 4)], new HashSet<NodeId>(), 2,
            s => stock.GetValueOrDefault(string.Join(",", s.Select(p => p.Value)), 0));
        Assert.Equal([N(3), N(5)], chosen.Value);
    }

    [Fact]
    public void Choose_with_subset_bound_stock_and_none_stocked_takes_the_lowest_indices()
    {
        var chosen = SubsetSelector.Choose(3, [Healthy(5), Healthy(4), Healthy(2)], new HashSet<NodeId> { N(2) }, 1, _ => 0);
        Assert.Equal([N(4), N(5)], chosen.Value);
    }

    [Fact]
    public void Subsets_of_four_peers_for_three_of_five_are_the_six_pairs_in_order()
    {
        var subsets = SubsetSelector.Subsets([N(2), N(3), N(4), N(5)], 2).Select(s => string.Join(",", s.Select(p => p.Index))).ToList();
        Assert.Equal(["2,3", "2,4", "2,5", "3,4", "3,5", "4,5"], subsets);
    }

    [Property]
    public Property Choose_never_returns_an_ineligible_peer_or_the_wrong_count(bool[] attested, bool[] healthy, bool[] reachable, byte threshold)
    {
        var n = Math.Min(attested.Length, Math.Min(healthy.Length, reachable.Length));
        var t = 2 + (threshold % 4);
        var peers = Enumerable.Range(0, n).Select(i => new PeerView(N(i + 2), attested[i], healthy[i], reachable[i], i)).ToList();
        var eligible = peers.Where(p => p.Attested && p.ClockHealthy && p.Reachable).Select(p => p.Node).ToHashSet();
        var chosen = SubsetSelector.Choose(t, peers, new HashSet<NodeId>(), 3);
        return chosen.IsOk
            ? (chosen.Value.Count == t - 1 && chosen.Value.All(eligible.Contains) && chosen.Value.Distinct().Count() == t - 1).ToProperty()
            : (eligible.Count < t - 1).ToProperty();
    }
}
