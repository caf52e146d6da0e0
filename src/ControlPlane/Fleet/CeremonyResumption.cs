using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Projections;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Pure rules for closing, from the log, a ceremony a previous control-plane process started and
/// never closed (it was killed mid-ceremony). Signers that outlive the control plane keep running
/// the ceremony and publish their answers to the control plane's durable queue, so the restarted
/// process resumes it: it collects the answers and completes it exactly as the original run would
/// have, within the original run's deadline (ceremony start + ceremony timeout) plus a short grace
/// after the restart for queued answers to arrive. Otherwise it aborts it with a reason saying the
/// control plane restarted, after which the runbooks plan again from the fleet as it is.
/// </summary>
public static class CeremonyResumption
{
    public const string Restarted = "control plane restarted mid-ceremony";

    /// <summary>
    /// The helpers and the recipient of a logged ceremony. CeremonyRunner lists a redistribution's
    /// recipient last in CeremonyStarted.Participants (after the helpers); DKG and refresh have none.
    /// </summary>
    public static (IReadOnlyList<NodeId> Helpers, NodeId? Recipient) Roles(CeremonyInfo ceremony)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        var all = ceremony.Participants;
        return ceremony.Kind == CeremonyKind.Redistribution && all.Count > 0 ? ([.. all.Take(all.Count - 1)], all[^1]) : (all, null);
    }

    /// <summary>The nodes whose answers decide the ceremony (as in CeremonyRunner: a redistribution's recipient only).</summary>
    public static IReadOnlyList<NodeId> Expected(CeremonyInfo ceremony) =>
        Roles(ceremony) is (_, { } recipient) ? [recipient] : ceremony.Participants;

    /// <summary>An empty tally for the logged ceremony.</summary>
    public static CeremonyTally Tally(CeremonyInfo ceremony)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        return CeremonyTally.Start(ceremony.Id, ceremony.Kind, ceremony.Epoch, Expected(ceremony));
    }

    /// <param name="ceremony">The ceremony as the log shows it (status running).</param>
    /// <param name="tally">The answers received for it since this process started.</param>
    /// <param name="adoptedAt">When this process first saw the ceremony open.</param>
    /// <param name="now">Now.</param>
    /// <param name="ceremonyTimeout">The control plane's ceremony timeout.</param>
    /// <param name="grace">How long after adoption queued answers are awaited.</param>
    /// <param name="participantsSurvived">False when the participants died with the old process
    /// (embedded nodes): nobody can finish the ceremony, abort at once.</param>
    /// <param name="currentKeyHex">The current epoch's group key ("" before the first).</param>
    public static ResumptionDecision Decide(CeremonyInfo ceremony, CeremonyTally tally, DateTimeOffset adoptedAt, DateTimeOffset now,
        TimeSpan ceremonyTimeout, TimeSpan grace, bool participantsSurvived, string currentKeyHex)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        ArgumentNullException.ThrowIfNull(tally);
        if (!participantsSurvived)
            return Abort("its participants restarted with the control plane and hold nothing of it");
        var started = ceremony.StartedAt + ceremonyTimeout;
        var deadline = started > adoptedAt + grace ? started : adoptedAt + grace;
        var (verdict, why, key, culprits) = tally.Decide(now >= deadline);
        switch (verdict)
        {
            case CeremonyVerdict.Pending:
                return new ResumptionDecision(ResumptionVerdict.Wait,
                    $"waiting until {deadline:O} for {string.Join(",", tally.Missing.OrderBy(n => n.Index))}", null, []);
            case CeremonyVerdict.Aborted:
                // a missing answer after a restart is no misbehaviour: only culprits the participants named count
                var named = tally.Answers.Values.Any(a => !a.Ok) ? culprits : [];
                return new ResumptionDecision(ResumptionVerdict.Abort, Restarted + ": " + why, null, named);
        }
        var keyHex = Convert.ToHexStringLower(key!);
        if (ceremony.Kind != CeremonyKind.Dkg && currentKeyHex.Length > 0 && !string.Equals(currentKeyHex, keyHex, StringComparison.Ordinal))
            return Abort("the group key changed during a " + ceremony.Kind + " (must stay the same)");
        return new ResumptionDecision(ResumptionVerdict.Complete, "every expected answer arrived after the restart", key, []);
    }

    private static ResumptionDecision Abort(string why) => new(ResumptionVerdict.Abort, Restarted + ": " + why, null, []);
}
