using System.Collections.Immutable;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// Every node ever seen: provider, online/attested, clock status, exclusion, and which epochs'
/// shares it holds (a lost node's shares are gone — memory only). Keyed by node id text.
/// </summary>
public sealed record NodeRoster
{
    public ImmutableSortedDictionary<string, NodeStatus> Nodes { get; init; } = ImmutableSortedDictionary<string, NodeStatus>.Empty;
    public int CurrentEpoch { get; init; }

    /// <summary>Online nodes holding a share of the current epoch (the seed's decision-tree count).</summary>
    public int SharesHeld => Nodes.Values.Count(n => n.Online && n.HoldsShare(CurrentEpoch));

    /// <summary>Nodes that can sign now (excluded or clock-drifting nodes count as offline).</summary>
    public int SigningNodes => Nodes.Values.Count(n => n.CanSign(CurrentEpoch));

    public NodeRoster Apply(NodeStarted e) => Update(e.Node, e.At, n => n with { Provider = e.Provider, Online = true, LastReason = "started" });

    public NodeRoster Apply(NodeAttested e) => Update(e.Node, e.At, n => n with
    {
        Provider = e.Provider, Online = true, Attested = true, Rejected = false, MeasurementHex = e.MeasurementHex, LastReason = "attested",
    });

    public NodeRoster Apply(AttestationRejected e) => Update(e.Node, e.At, n => n with
    {
        Provider = e.Provider, Online = true, Attested = false, Rejected = true, MeasurementHex = e.MeasurementHex, ShareEpochs = [], LastReason = e.Reason,
    });

    public NodeRoster Apply(NodeLost e) => Update(e.Node, e.At, n => n with { Online = false, Attested = false, ShareEpochs = [], LastReason = e.Reason });

    public NodeRoster Apply(NodeExcluded e) => Update(e.Node, e.At, n => n with { Excluded = true, LastReason = e.Reason });

    public NodeRoster Apply(NodeReadmitted e) => Update(e.Node, e.At, n => n with { Excluded = false, LastReason = e.Reason });

    public NodeRoster Apply(ClockViolation e) => Update(e.Node, e.At, n => n with { ClockHealthy = false, LastReason = "clock violation (" + e.Source + ")" });

    public NodeRoster Apply(ClockRecovered e) => Update(e.Node, e.At, n => n with { ClockHealthy = true, LastReason = "clock recovered" });

    public NodeRoster Apply(ShareDistributed e) => Update(e.Recipient, e.At, n => n with { ShareEpochs = n.ShareEpochs.Add(e.Epoch.Number), LastReason = "share received" });

    public NodeRoster Apply(KeyEpochActivated e)
    {
        var roster = this with { CurrentEpoch = e.Epoch.Number };
        foreach (var holder in e.ShareHolders)
            roster = roster.Update(holder, e.At, n => n with { ShareEpochs = n.ShareEpochs.Add(e.Epoch.Number) });
        return roster;
    }

    private NodeRoster Update(NodeId id, DateTimeOffset at, Func<NodeStatus, NodeStatus> change)
    {
        var current = Nodes.TryGetValue(id.Value, out var n) ? n : new NodeStatus(id);
        return this with { Nodes = Nodes.SetItem(id.Value, change(current) with { LastChange = at }) };
    }
}
