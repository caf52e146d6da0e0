using System.Collections.Immutable;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>One incident with its runbook steps in order.</summary>
public sealed record IncidentEntry(IncidentId Id, string Kind, string Summary, IReadOnlyList<NodeId> Nodes, DateTimeOffset OpenedAt)
{
    public ImmutableList<RunbookStepCompleted> Steps { get; init; } = [];
    public bool Resolved { get; init; }
    public string Resolution { get; init; } = "";
    public DateTimeOffset? ResolvedAt { get; init; }
}
