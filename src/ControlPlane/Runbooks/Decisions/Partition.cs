using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// Seed §11: only a side with ≥ t nodes may sign (3 + 3 > 5, so at most one side); a three-way
/// split halts. Healing needs no ceremony. Pure.
/// </summary>
public static class Partition
{
    /// <summary>The group allowed to sign, or null when no group reaches t (signing halts).</summary>
    public static IReadOnlyList<NodeId>? SigningSide(IReadOnlyList<IReadOnlyList<NodeId>> groups, int threshold)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var big = groups.Where(g => g.Distinct().Count() >= threshold).ToList();
        // more than one side with t nodes is impossible for n < 2t; refuse rather than pick one
        return big.Count == 1 ? big[0] : null;
    }

    /// <summary>Validates an operator-supplied partition: no node twice, every node known.</summary>
    public static string? Validate(IReadOnlyList<IReadOnlyList<NodeId>> groups, IReadOnlyCollection<NodeId> known)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(known);
        if (groups.Count < 2) return "a partition needs at least two groups";
        var all = groups.SelectMany(g => g).ToList();
        var dup = all.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) return $"node {dup.Key} appears in more than one group";
        var unknown = all.FirstOrDefault(n => !known.Contains(n));
        return unknown == default ? null : $"unknown node {unknown}";
    }

    public static RunbookDecision Decide(RunbookFacts facts, bool healed, IReadOnlyList<IReadOnlyList<NodeId>> groups)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (healed) return RunbookDecision.Resolve("partition healed; no ceremony needed");
        return SigningSide(groups, facts.Threshold) is { } side
            ? RunbookDecision.Wait("only " + string.Join(",", side) + " may sign until the partition heals")
            : RunbookDecision.Wait("no side reaches the threshold: signing halted until the partition heals");
    }
}
