using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// Seed §9: a node whose clock left the TriHaRd tolerance is excluded from signing and keeps its
/// share; it rejoins by itself after consecutive good rounds. No ceremony, no replacement: the
/// runbook waits until every drifting node is readmitted (or gone, which is a node-lost matter).
/// </summary>
public static class ClockDrift
{
    public static RunbookDecision Decide(RunbookFacts facts, IReadOnlyList<NodeId> drifting)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(drifting);
        var still = drifting.Where(n => facts.Roster.Find(n) is { Online: true } v && (v.Excluded || !v.ClockHealthy)).ToList();
        if (still.Count > 0)
            return RunbookDecision.Wait("excluded from signing until the clock recovers: " + string.Join(",", still));
        return RunbookDecision.Resolve("every drifting node is back within tolerance or no longer online");
    }
}
