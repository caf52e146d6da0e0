using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Incidents;

/// <summary>A runbook took charge of a failure (Kind: e.g. "nodeLost", "quorumLost", "clockDrift").</summary>
public sealed record IncidentOpened(IncidentId Id, string Kind, string Summary, IReadOnlyList<NodeId> Nodes, DateTimeOffset At);
