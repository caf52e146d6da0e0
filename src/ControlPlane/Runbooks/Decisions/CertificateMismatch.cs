namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// A certificate file under data/pki named an epoch of this log but carried another key (issue 14:
/// a folder left by an earlier deployment). The file was set aside when found and never installed;
/// the incident stays open until a certificate for the epoch's group key is installed (issued by the
/// development CA at once, or imported from the external CA) or a newer epoch supersedes it. Pure.
/// </summary>
public static class CertificateMismatch
{
    public static RunbookDecision Decide(RunbookFacts facts, int epochAtOpen)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Epoch > epochAtOpen)
            return RunbookDecision.Resolve($"superseded by epoch {facts.Epoch}");
        return facts.CertificateInstalled
            ? RunbookDecision.Resolve($"a certificate for the group key of epoch {facts.Epoch} is installed")
            : RunbookDecision.Wait($"waiting for a certificate for the group key of epoch {epochAtOpen} (the foreign file was set aside)");
    }
}
