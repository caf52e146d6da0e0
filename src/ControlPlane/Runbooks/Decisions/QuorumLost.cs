namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// Seed §4–§6: fewer than t nodes hold shares (or none ever did). Halt signing; when five attested
/// nodes are placed 2/2/1, run a new DKG (new epoch), issue its certificate, then the checklist.
/// Old tokens stay valid under the old certificate.
/// </summary>
public static class QuorumLost
{
    public const string Halt = "halt-signing";

    /// <param name="facts">Facts of the moment.</param>
    /// <param name="lostEpoch">The epoch whose quorum was lost (0 when the cluster never had a key).</param>
    /// <param name="rekey">Re-key even if t holders are reachable (compromise of ≥ t shares).</param>
    public static RunbookDecision Decide(RunbookFacts facts, int lostEpoch, bool rekey = false)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var recovered = facts.Epoch > lostEpoch;
        if (!recovered)
        {
            // e.g. a restarted control plane that had not heard the heartbeats yet: the shares were never lost
            if (!rekey && lostEpoch > 0 && facts.Roster.ShareHolders(lostEpoch) >= facts.Threshold)
                return RunbookDecision.Resolve($"{facts.Roster.ShareHolders(lostEpoch)} holders of epoch {lostEpoch} reachable again: no re-key needed");
            if (lostEpoch > 0 && !facts.Done(Halt + "@" + Num(lostEpoch)))
                return RunbookDecision.Act(new RunbookStep(Halt + "@" + Num(lostEpoch), RunbookAction.HaltSigning, [], null, lostEpoch), "signing halted: below threshold");
            var (nodes, reason) = FleetSelection.DkgParticipants(facts.Roster, facts.FleetSize, facts.Threshold);
            if (nodes is null) return RunbookDecision.Wait(reason);
            var epoch = lostEpoch + 1;
            return RunbookDecision.Act(new RunbookStep(DkgStep(epoch), RunbookAction.RunDkg, nodes, null, epoch), $"new DKG for epoch {epoch}");
        }
        return AfterNewKey(facts);
    }

    /// <summary>Shared tail of every re-key: certificate, then checklist, then resolved.</summary>
    public static RunbookDecision AfterNewKey(RunbookFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!facts.CertificateInstalled)
            return RunbookDecision.Act(new RunbookStep("certificate@" + Num(facts.Epoch), RunbookAction.IssueCertificate, [], null, facts.Epoch), $"issue the certificate of epoch {facts.Epoch}");
        var checklist = PostRecoveryChecklist.StepName(facts.Epoch);
        return facts.Done(checklist)
            ? RunbookDecision.Resolve($"epoch {facts.Epoch} active with its certificate")
            : RunbookDecision.Act(new RunbookStep(checklist, RunbookAction.Checklist, [], null, facts.Epoch), "run the post-recovery checklist");
    }

    public static string DkgStep(int epoch) => "dkg@" + Num(epoch);

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
