using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Cluster;

/// <summary>The nodes split into sides that cannot reach each other; only a side with ≥ t nodes signs.</summary>
public sealed record PartitionDetected(IReadOnlyList<IReadOnlyList<NodeId>> Sides, DateTimeOffset At);
