using CcTsa.Signer.Channel;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The one rule for a spare eligible peer: one that could stand in for a silent member of a
/// subset — attested, clock healthy and reachable (<see cref="PeerView"/>), outside the subset and
/// not excluded. With one, a coordinator gives up on a silent peer at the short adaptive deadline
/// and re-plans; without one it waits a round timeout, since giving up would leave nobody
/// (<see cref="PeerAnswerWait"/>). The signing pipeline asks it over its own views; a relayed step
/// (<see cref="StepExchange{TAnswer}"/>) over <see cref="StepViews"/>, which know less (see there).
/// </summary>
internal static class SparePeers
{
    public static bool IsSpare(PeerView peer, IReadOnlyCollection<NodeId> subset, IReadOnlySet<NodeId> excluded)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer.Attested && peer.ClockHealthy && peer.Reachable && !excluded.Contains(peer.Node) && !subset.Contains(peer.Node);
    }

    public static bool Any(IEnumerable<PeerView> peers, IReadOnlyCollection<NodeId> subset, IReadOnlySet<NodeId> excluded) =>
        peers.Any(p => IsSpare(p, subset, excluded));

    /// <summary>Excludes nobody: what a relayed step passes, as it serves no one request.</summary>
    public static IReadOnlySet<NodeId> NoneExcluded { get; } = new HashSet<NodeId>();

    /// <summary>
    /// Every other peer as a relayed step sees it. A step knows less than the signing pipeline, so
    /// it may count a stand-in the pipeline would not: it has no request's exclusions (a presigning
    /// run also serves the warmer, which has no request: pass <see cref="NoneExcluded"/>), no epoch
    /// filter (it does not know which scheme's share a stand-in would need) and reachable means "not
    /// timed out" only — a peer cut off by a partition fault counts until a send to it fails. These
    /// differences are what the step's give-up rule was tuned with against the scenario tests.
    /// </summary>
    public static IEnumerable<PeerView> StepViews(NodeId self, IReadOnlyList<PeerState> roster) =>
        roster.Where(p => p.Node != self).Select(p => new PeerView(p.Node, p.Attested, p.ClockHealthy, Reachable: !p.TimedOut, ReservedCommitments: 0));
}
