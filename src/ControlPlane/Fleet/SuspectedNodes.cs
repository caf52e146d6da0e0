using System.Collections.Concurrent;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Nodes that just failed to answer a signing request (as coordinator, or as a peer a coordinator
/// reported silent), before the heartbeat timeout declares them lost. While suspected they are
/// tried last as coordinators and passed as "avoid" to the others, so after a crash only the first
/// batches pay a timeout. A heartbeat received after the suspicion clears it: a slow node is back
/// in at once, a dead one stays out until it is declared lost.
/// </summary>
public sealed class SuspectedNodes
{
    private readonly ConcurrentDictionary<NodeId, DateTimeOffset> _since = new();

    public void Suspect(NodeId node, DateTimeOffset at) => _since.AddOrUpdate(node, at, (_, old) => old > at ? old : at);

    /// <summary>True while no heartbeat from the node arrived after it was suspected.</summary>
    public bool IsSuspected(NodeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!_since.TryGetValue(view.Id, out var at)) return false;
        if (view.LastSeen <= at) return true;
        _since.TryRemove(KeyValuePair.Create(view.Id, at)); // heard since: forgiven
        return false;
    }

    /// <summary>Candidates in trying order: unsuspected first, suspected last (each group keeps its order).</summary>
    public IReadOnlyList<NodeView> TryingOrder(IReadOnlyList<NodeView> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates.OrderBy(IsSuspected)]; // a stable sort
    }

    /// <summary>The suspects of the roster a coordinator should leave out of its subsets, by node id.</summary>
    public IReadOnlyList<NodeId> Avoid(FleetRoster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return [.. roster.All.Where(IsSuspected).Select(v => v.Id).OrderBy(n => n.Index)];
    }
}
