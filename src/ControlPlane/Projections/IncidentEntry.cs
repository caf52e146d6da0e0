using System.Collections.Immutable;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>One incident with its typed context and its runbook steps in order.</summary>
public sealed record IncidentEntry(IncidentId Id, string Kind, string Summary, IReadOnlyList<NodeId> Nodes, DateTimeOffset OpenedAt)
{
    /// <summary>The key epoch current when the incident opened; null before the first key.</summary>
    public KeyEpoch? EpochAtOpen { get; init; }

    /// <summary>A partition incident's sides (empty for other kinds).</summary>
    public IReadOnlyList<IReadOnlyList<NodeId>> PartitionSides { get; init; } = [];

    /// <summary>A compromise incident's reported compromise time.</summary>
    public DateTimeOffset? CompromisedAt { get; init; }

    public ImmutableList<RunbookStepCompleted> Steps { get; init; } = [];
    public bool Resolved { get; init; }
    public string Resolution { get; init; } = "";
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Step names that succeeded (failed attempts may be retried).</summary>
    public IReadOnlySet<string> Completed => Steps.Where(s => s.Succeeded).Select(s => s.Step).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The record that stands for <paramref name="step"/>: its first success (a success is final; a
    /// later failure of the same step does not undo it), else its latest attempt; null if never run.
    /// </summary>
    public RunbookStepCompleted? Step(string step) =>
        Steps.FirstOrDefault(s => s.Succeeded && string.Equals(s.Step, step, StringComparison.Ordinal))
        ?? Steps.LastOrDefault(s => string.Equals(s.Step, step, StringComparison.Ordinal));

    /// <summary>One record per step name (see <see cref="Step"/>), in order of time.</summary>
    public IEnumerable<RunbookStepCompleted> CurrentSteps =>
        Steps.Select(s => s.Step).Distinct(StringComparer.Ordinal).Select(n => Step(n)!).OrderBy(s => s.At);
}
