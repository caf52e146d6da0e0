using CcTsa.Crypto.Common;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Picks the t−1 peers that sign with the coordinator. Pure: state in, decision out. A peer is
/// eligible when it is attested, clock-healthy, reachable and not excluded for this batch (it
/// refused, timed out or sent a bad share). Peers with enough reserved commitments come first, so
/// the round needs one round trip; ties go to the lower node index so the choice is reproducible.
/// Fewer than t−1 eligible peers means this side can't sign (split-brain rule: a coordinator needs
/// t−1 reachable attested peers).
/// </summary>
public static class SubsetSelector
{
    public static Result<IReadOnlyList<NodeId>, string> Choose(
        int threshold, IReadOnlyList<PeerView> peers, IReadOnlySet<NodeId> excluded, int commitmentsNeeded)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(excluded);
        if (threshold < 2) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Threshold must be at least 2.");
        var need = threshold - 1;
        var eligible = peers
            .Where(p => p.Attested && p.ClockHealthy && p.Reachable && !excluded.Contains(p.Node))
            .OrderByDescending(p => p.ReservedCommitments >= commitmentsNeeded)
            .ThenByDescending(p => p.ReservedCommitments)
            .ThenBy(p => p.Node.Index)
            .Take(need)
            .Select(p => p.Node)
            .ToList();
        if (eligible.Count < need)
            return Result<IReadOnlyList<NodeId>, string>.Fail(
                $"below quorum: {eligible.Count} eligible peer(s), {need} needed besides the coordinator");
        return eligible;
    }
}
