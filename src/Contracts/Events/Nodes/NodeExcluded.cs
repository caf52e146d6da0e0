using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Nodes;

/// <summary>A node was excluded from signing (e.g. clock drift); it keeps its share.</summary>
public sealed record NodeExcluded(NodeId Node, string Reason, DateTimeOffset At);
