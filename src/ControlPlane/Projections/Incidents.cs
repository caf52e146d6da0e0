using System.Collections.Immutable;
using CcTsa.Contracts.Events.Incidents;

namespace CcTsa.ControlPlane.Projections;

/// <summary>Incidents by id, with runbook steps; Open lists the unresolved ones.</summary>
public sealed record Incidents
{
    public ImmutableSortedDictionary<string, IncidentEntry> ById { get; init; } = ImmutableSortedDictionary<string, IncidentEntry>.Empty;

    public IEnumerable<IncidentEntry> Open => ById.Values.Where(i => !i.Resolved);

    public Incidents Apply(IncidentOpened e) => this with
    {
        ById = ById.SetItem(e.Id.ToString(), new IncidentEntry(e.Id, e.Kind, e.Summary, e.Nodes, e.At)),
    };

    public Incidents Apply(RunbookStepCompleted e) => Change(e.Incident, i => i with { Steps = i.Steps.Add(e) });

    public Incidents Apply(IncidentResolved e) => Change(e.Id, i => i with { Resolved = true, Resolution = e.Resolution, ResolvedAt = e.At });

    private Incidents Change(IncidentId id, Func<IncidentEntry, IncidentEntry> change) =>
        ById.TryGetValue(id.ToString(), out var i) ? this with { ById = ById.SetItem(id.ToString(), change(i)) } : this;
}
