using CcTsa.Contracts.Events.Cluster;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// Current cluster health (seed §8) as last decided by the rules and recorded in
/// ClusterStateChanged. Before any transition the cluster holds no key: Unavailable, no alert yet.
/// </summary>
public sealed record ClusterHealth
{
    public ClusterState State { get; init; } = ClusterState.Unavailable;
    public AlertLevel AlertLevel { get; init; } = AlertLevel.None;
    public int SharesHeld { get; init; }
    public int SigningNodes { get; init; }
    public string Reason { get; init; } = "no cluster state recorded yet";
    public DateTimeOffset? Since { get; init; }
    public int Transitions { get; init; }

    public ClusterHealth Apply(ClusterStateChanged e) => this with
    {
        State = e.To, AlertLevel = e.AlertLevel, SharesHeld = e.SharesHeld, SigningNodes = e.SigningNodes,
        Reason = e.Reason, Since = e.At, Transitions = Transitions + 1,
    };
}
