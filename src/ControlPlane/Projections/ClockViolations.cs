using System.Collections.Immutable;
using CcTsa.Contracts.Events.Cluster;

namespace CcTsa.ControlPlane.Projections;

/// <summary>Clock violations: the full history, counts per node, and which nodes are drifting now.</summary>
public sealed record ClockViolations
{
    public ImmutableList<ClockViolation> History { get; init; } = [];
    public ImmutableSortedDictionary<string, int> CountByNode { get; init; } = ImmutableSortedDictionary<string, int>.Empty;
    public ImmutableSortedSet<string> Drifting { get; init; } = [];

    public ClockViolations Apply(ClockViolation e) => this with
    {
        History = History.Add(e),
        CountByNode = CountByNode.SetItem(e.Node.Value, CountByNode.GetValueOrDefault(e.Node.Value) + 1),
        Drifting = Drifting.Add(e.Node.Value),
    };

    public ClockViolations Apply(ClockRecovered e) => this with { Drifting = Drifting.Remove(e.Node.Value) };
}
