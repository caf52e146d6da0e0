using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>What a heartbeat or a timeout changed about a node; the director turns each into an event.</summary>
public enum FleetChangeKind
{
    /// <summary>First heartbeat, or back after being offline: the node must be (re-)attested.</summary>
    CameOnline,
    /// <summary>Heartbeat timeout: the node and its in-memory share are presumed gone.</summary>
    Lost,
    /// <summary>The node's trusted clock left the TriHaRd tolerance.</summary>
    ClockViolated,
    /// <summary>Excluded from signing (keeps its share).</summary>
    Excluded,
    /// <summary>The clock is back within tolerance for enough consecutive heartbeats.</summary>
    ClockRecovered,
    /// <summary>Back in the signing pool.</summary>
    Readmitted,
    /// <summary>The node reports a different held epoch than before (e.g. it received or discarded a share).</summary>
    EpochChanged,
}

/// <summary>One change decided by <see cref="FleetRoster"/>.</summary>
public sealed record FleetChange(FleetChangeKind Kind, NodeId Node, string Provider);
