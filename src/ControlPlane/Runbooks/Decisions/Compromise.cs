using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// Seed §6, suspected compromise. Fewer than t shares: proactive refresh (same public key, old
/// shares useless). t or more: revoke the epoch certificate (keyCompromise, with the compromise
/// time), list the epoch's tokens before/after that time for evaluation, then a new DKG.
/// </summary>
public static class Compromise
{
    public static RunbookDecision Decide(RunbookFacts facts, IReadOnlyList<NodeId> compromised, int compromisedEpoch)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(compromised);
        if (compromisedEpoch == 0)
            return RunbookDecision.Resolve("no key epoch was active: nothing to protect");
        var e = compromisedEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (compromised.Count < facts.Threshold)
        {
            var refresh = "refresh@" + e;
            if (!facts.Done(refresh))
            {
                var helpers = FleetSelection.Helpers(facts.Roster, compromisedEpoch);
                if (helpers.Count < facts.FleetSize)
                    return RunbookDecision.Wait($"refresh needs all {facts.FleetSize} share holders online ({helpers.Count} ready)");
                return RunbookDecision.Act(new RunbookStep(refresh, RunbookAction.Refresh, helpers, null, compromisedEpoch), $"{compromised.Count} share(s) suspected (< t): proactive refresh");
            }
            var checklist = PostRecoveryChecklist.StepName(compromisedEpoch) + "+refresh";
            return facts.Done(checklist)
                ? RunbookDecision.Resolve("shares refreshed; public key unchanged")
                : RunbookDecision.Act(new RunbookStep(checklist, RunbookAction.Checklist, [], null, compromisedEpoch), "run the post-recovery checklist");
        }
        var revoke = "revoke@" + e;
        if (!facts.Done(revoke))
            return RunbookDecision.Act(new RunbookStep(revoke, RunbookAction.RevokeCertificate, compromised, null, compromisedEpoch), $"{compromised.Count} shares suspected (≥ t): revoke the certificate of epoch {compromisedEpoch}");
        var list = "list-tokens@" + e;
        if (!facts.Done(list))
            return RunbookDecision.Act(new RunbookStep(list, RunbookAction.ListTokens, [], null, compromisedEpoch), "list the epoch's tokens before/after the compromise time");
        // from here on it is a quorum loss of the compromised epoch: halt, new DKG, certificate, checklist
        return QuorumLost.Decide(facts, compromisedEpoch, rekey: true);
    }
}
