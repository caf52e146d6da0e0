using CcTsa.Crypto.Common;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Picks the t−1 peers that sign with the coordinator. Pure: state in, decision out. A peer is
/// eligible when it is attested, clock-healthy, reachable and not excluded for this batch (it
/// refused, timed out or sent a bad share). Among the subsets of eligible peers, one whose
/// precomputed material covers the batch comes first (the round then needs one round trip), then
/// the best-stocked, ties to the lower node indices so the choice is reproducible. The stock is
/// the scheme's, per subset: FROST's commitments are per peer (a subset has the least of its
/// peers'), DKLs23 presignatures are bound to one signer set. Fewer than t−1 eligible peers means
/// this side can't sign (split-brain rule: a coordinator needs t−1 reachable attested peers).
/// </summary>
public static class SubsetSelector
{
    /// <summary>Above this many candidate subsets the choice is made peer by peer (a fleet far larger than 3-of-5).</summary>
    private const int MaxSubsets = 256;

    /// <summary>Per-peer stock (<see cref="PeerView.ReservedCommitments"/>): a subset has the least of its peers'.</summary>
    public static Result<IReadOnlyList<NodeId>, string> Choose(
        int threshold, IReadOnlyList<PeerView> peers, IReadOnlySet<NodeId> excluded, int commitmentsNeeded)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var stock = peers.ToDictionary(p => p.Node, p => p.ReservedCommitments);
        return Choose(threshold, peers, excluded, commitmentsNeeded, subset => subset.Min(p => stock[p]));
    }

    public static Result<IReadOnlyList<NodeId>, string> Choose(
        int threshold, IReadOnlyList<PeerView> peers, IReadOnlySet<NodeId> excluded, int needed, Func<IReadOnlyList<NodeId>, int> stockOf)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(excluded);
        ArgumentNullException.ThrowIfNull(stockOf);
        if (threshold < 2) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Threshold must be at least 2.");
        var need = threshold - 1;
        var eligible = peers
            .Where(p => p.Attested && p.ClockHealthy && p.Reachable && !excluded.Contains(p.Node))
            .OrderByDescending(p => p.ReservedCommitments >= needed)
            .ThenByDescending(p => p.ReservedCommitments)
            .ThenBy(p => p.Node.Index)
            .Select(p => p.Node)
            .ToList();
        if (eligible.Count < need)
            return Result<IReadOnlyList<NodeId>, string>.Fail(
                $"below quorum: {eligible.Count} eligible peer(s), {need} needed besides the coordinator");
        if (Binomial(eligible.Count, need) > MaxSubsets) return eligible.Take(need).OrderBy(p => p.Index).ToList();

        var byIndex = eligible.OrderBy(p => p.Index).ToList();
        return Subsets(byIndex, need)
            .Select(s => (Peers: s, Stock: stockOf(s)))
            .OrderByDescending(s => s.Stock >= needed)
            .ThenByDescending(s => s.Stock)
            .First().Peers.ToList();   // Subsets yields in lexicographic index order and OrderBy is stable: ties go to lower indices
    }

    /// <summary>Every <paramref name="size"/>-element subset of <paramref name="peers"/>, in lexicographic order of position.</summary>
    public static IEnumerable<IReadOnlyList<NodeId>> Subsets(IReadOnlyList<NodeId> peers, int size)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (size == 0) { yield return []; yield break; }
        for (var i = 0; i <= peers.Count - size; i++)
            foreach (var rest in Subsets([.. peers.Skip(i + 1)], size - 1))
                yield return [peers[i], .. rest];
    }

    private static long Binomial(int n, int k)
    {
        long r = 1;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
