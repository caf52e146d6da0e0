using System.Collections.Immutable;
using CcTsa.Contracts.Events.Incidents;

namespace CcTsa.ControlPlane.Projections;

/// <summary>Incidents by id, with runbook steps; Open lists the unresolved ones.</summary>
public sealed record Incidents
{
    public ImmutableSortedDictionary<string, IncidentEntry> ById { get; init; } = ImmutableSortedDictionary<string, IncidentEntry>.Empty;

    /// <summary>Every checklist test token recorded so far, in log order.</summary>
    public ImmutableList<ChecklistToken> TestTokens { get; init; } = [];

    public IEnumerable<IncidentEntry> Open => ById.Values.Where(i => !i.Resolved);

    /// <summary>All incidents in the order they were opened.</summary>
    public IEnumerable<IncidentEntry> InOrder => ById.Values.OrderBy(i => i.OpenedAt);

    /// <summary>The earliest open incident of <paramref name="kind"/>, if any.</summary>
    public IncidentEntry? OpenOf(string kind) =>
        Open.Where(i => string.Equals(i.Kind, kind, StringComparison.Ordinal)).OrderBy(i => i.OpenedAt).FirstOrDefault();

    public Incidents Apply(IncidentOpened e) => this with
    {
        ById = ById.SetItem(e.Id.ToString(), new IncidentEntry(e.Id, e.Kind, e.Summary, e.Nodes, e.At)
        {
            EpochAtOpen = e.Epoch, PartitionSides = e.PartitionSides ?? [], CompromisedAt = e.CompromisedAt,
        }),
    };

    public Incidents Apply(RunbookStepCompleted e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var changed = Change(e.Incident, i => LegacyIncidentContext.Apply(i, e) with { Steps = i.Steps.Add(e) });
        return ChecklistToken.From(e) is { } token ? changed with { TestTokens = changed.TestTokens.Add(token) } : changed;
    }

    public Incidents Apply(ChecklistTokenRecorded e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return this with { TestTokens = TestTokens.Add(new ChecklistToken(e.Incident, e.Epoch, e.Data, e.Token)) };
    }

    public Incidents Apply(IncidentResolved e) => Change(e.Id, i => i with { Resolved = true, Resolution = e.Resolution, ResolvedAt = e.At });

    private Incidents Change(IncidentId id, Func<IncidentEntry, IncidentEntry> change) =>
        ById.TryGetValue(id.ToString(), out var i) ? this with { ById = ById.SetItem(id.ToString(), change(i)) } : this;
}
