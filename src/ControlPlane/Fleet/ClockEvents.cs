using CcTsa.Contracts.Events.Cluster;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Builds the clock audit events from what a node's heartbeat reported. A node that has measured
/// its offset from the peer median (TriHaRd) reports it with its uncertainty; one that has not yet
/// (or an older node) reports only its verdict, recorded as offset 0 with source "nodeReport".
/// </summary>
public static class ClockEvents
{
    /// <summary>Source of a ClockViolation carrying the node's own TriHaRd measurement.</summary>
    public const string TriHaRdSource = "triHaRd";

    /// <summary>Source of a ClockViolation known only from the node's healthy/unhealthy verdict.</summary>
    public const string NodeReportSource = "nodeReport";

    public static ClockViolation Violation(NodeView node, double toleranceMicros, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ClockOffsetMicros is { } offset
            // the uncertainty is half the median round trip: record the round trip itself
            ? new ClockViolation(node.Id, TriHaRdSource, offset, 2 * (node.ClockUncertaintyMicros ?? 0), toleranceMicros, at)
            : new ClockViolation(node.Id, NodeReportSource, 0, 0, toleranceMicros, at);
    }

    public static ClockRecovered Recovered(NodeView node, int goodRounds, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new ClockRecovered(node.Id, node.ClockOffsetMicros ?? 0, goodRounds, at);
    }
}
