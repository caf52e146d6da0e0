using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// Seed §2/§3: a node (and its share) is gone but ≥ t holders remain. Attest a replacement and
/// redistribute a share to it from ≥ t helpers, never reconstructing the key; public key unchanged.
/// </summary>
public static class NodeLost
{
    public static RunbookDecision Decide(RunbookFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var holders = facts.Roster.ShareHolders(facts.Epoch);
        if (facts.Epoch == 0 || holders < facts.Threshold)
            return RunbookDecision.Escalate($"{holders} share holders left, below threshold {facts.Threshold}");
        if (holders >= facts.FleetSize)
        {
            return facts.Done(PostRecoveryChecklist.StepName(facts.Epoch))
                ? RunbookDecision.Resolve("all nodes hold shares again")
                : RunbookDecision.Act(new RunbookStep(PostRecoveryChecklist.StepName(facts.Epoch), RunbookAction.Checklist, [], null, facts.Epoch), "run the post-recovery checklist");
        }
        var helpers = FleetSelection.Helpers(facts.Roster, facts.Epoch);
        if (helpers.Count < facts.Threshold)
            return RunbookDecision.Wait($"only {helpers.Count} holders can help (clock or attestation), need {facts.Threshold}");
        if (FleetSelection.Replacement(facts.Roster, facts.Epoch, facts.Threshold) is not NodeId target)
            return RunbookDecision.Wait("waiting for an attested replacement node");
        if (!facts.Roster.MutuallyAttested([.. helpers, target]))
            return RunbookDecision.Wait($"waiting for {target} and the helpers to attest each other");
        var step = new RunbookStep(StepName(target, facts.Epoch), RunbookAction.Redistribute, helpers, target, facts.Epoch);
        return RunbookDecision.Act(step, $"redistribute a share of epoch {facts.Epoch} to {target} from {helpers.Count} helpers");
    }

    // One attempt name per target and epoch; a failed attempt is recorded as failed, not completed,
    // so the same name may be tried again.
    public static string StepName(NodeId target, int epoch) =>
        "redistribute:" + target + "@" + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
