using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Nodes;

/// <summary>An excluded node passed enough consecutive checks and signs again.</summary>
public sealed record NodeReadmitted(NodeId Node, string Reason, DateTimeOffset At);
