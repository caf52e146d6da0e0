using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// Seed §9: a node whose clock left the TriHaRd tolerance (or disagrees with its NTS servers) is
/// excluded from signing and keeps its share; it rejoins by itself after consecutive good rounds.
/// No ceremony: the runbook waits until every drifting node is readmitted (or gone, which is a
/// node-lost matter). A node still excluded after <c>replaceAfter</c> has a clock that will not
/// come back by itself: one "replace:nX" step per such node asks the operator to replace it.
/// </summary>
public static class ClockDrift
{
    public static RunbookDecision Decide(RunbookFacts facts, IReadOnlyList<NodeId> drifting, TimeSpan? openFor = null, TimeSpan? replaceAfter = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(drifting);
        var still = drifting.Where(n => facts.Roster.Find(n) is { Online: true } v && (v.Excluded || !v.ClockHealthy)).ToList();
        if (still.Count == 0)
            return RunbookDecision.Resolve("every drifting node is back within tolerance or no longer online");
        if (openFor is { } open && replaceAfter is { } limit && open >= limit
            && still.FirstOrDefault(n => !facts.Done(ReplaceStep(n))) is { Value: not null } persistent)
        {
            return RunbookDecision.Act(new RunbookStep(ReplaceStep(persistent), RunbookAction.ReplaceNode, [persistent], persistent, facts.Epoch),
                $"{persistent} still excluded for its clock after {limit.TotalMinutes:0.#} min: replace the node");
        }
        return RunbookDecision.Wait("excluded from signing until the clock recovers: " + string.Join(",", still));
    }

    public static string ReplaceStep(NodeId node) => "replace:" + node;
}
