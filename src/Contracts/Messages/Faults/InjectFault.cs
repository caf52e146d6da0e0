namespace CcTsa.Contracts.Messages.Faults;

/// <summary>What a dev/test fault does to a node. Honoured only by nodes started in fault mode.</summary>
public enum FaultKind
{
    ClockSkew = 0,
    DropPeers = 1,
    Clear = 2,

    /// <summary>The node zeroizes its vault and stops, as if its process were killed.</summary>
    Kill = 3,
}

/// <summary>
/// Control plane (with --faults only) → node: inject a fault. OffsetMicros for ClockSkew; Peers for
/// DropPeers (the node drops every protocol message to and from them: a partition).
/// </summary>
public sealed record InjectFault(NodeId Node, FaultKind Kind, long OffsetMicros, IReadOnlyList<NodeId> Peers);
