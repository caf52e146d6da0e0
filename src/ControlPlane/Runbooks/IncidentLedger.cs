using System.Collections.Immutable;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Runbooks;

/// <summary>One incident as the engine needs it: kind, nodes, and the steps already recorded.</summary>
public sealed record IncidentRecord(
    IncidentId Id,
    string Kind,
    IReadOnlyList<NodeId> Nodes,
    DateTimeOffset OpenedAt,
    ImmutableDictionary<string, RunbookStepCompleted> Steps,
    bool Resolved)
{
    /// <summary>Step names that succeeded (failed attempts may be retried).</summary>
    public IReadOnlySet<string> Completed => Steps.Values.Where(s => s.Succeeded).Select(s => s.Step).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Pure fold of the incident events: which incidents are open and which of their steps are done.
/// Rebuilt from the log after a restart, which is what makes the runbooks resumable.
/// </summary>
public sealed record IncidentLedger(ImmutableList<IncidentRecord> Incidents)
{
    public static IncidentLedger Empty { get; } = new(ImmutableList<IncidentRecord>.Empty);

    public IEnumerable<IncidentRecord> Open => Incidents.Where(i => !i.Resolved);

    public IncidentRecord? OpenOf(string kind) => Open.FirstOrDefault(i => string.Equals(i.Kind, kind, StringComparison.Ordinal));

    public IncidentLedger Apply(object evt) => evt switch
    {
        IncidentOpened o => new(Incidents.Add(new IncidentRecord(o.Id, o.Kind, o.Nodes, o.At, ImmutableDictionary<string, RunbookStepCompleted>.Empty.WithComparers(StringComparer.Ordinal), false))),
        RunbookStepCompleted s => Update(s.Incident, i => i with
        {
            // a success is final; a later failure of the same step does not undo it
            Steps = i.Steps.TryGetValue(s.Step, out var prev) && prev.Succeeded ? i.Steps : i.Steps.SetItem(s.Step, s),
        }),
        IncidentResolved r => Update(r.Id, i => i with { Resolved = true }),
        _ => this,
    };

    private IncidentLedger Update(IncidentId id, Func<IncidentRecord, IncidentRecord> f)
    {
        var index = Incidents.FindIndex(i => i.Id == id);
        return index < 0 ? this : new(Incidents.SetItem(index, f(Incidents[index])));
    }
}
