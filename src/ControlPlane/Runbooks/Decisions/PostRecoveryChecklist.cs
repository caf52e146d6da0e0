namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>What the engine measured for the checklist (I/O done elsewhere).</summary>
public sealed record ChecklistFacts(
    int FleetSize,
    int ShareHolders,
    bool CertificateInstalled,
    bool TestTokenVerified,
    int AttestedClockHealthy,
    int OldTokensChecked,
    int OldTokensVerified);

/// <summary>One checklist item's outcome.</summary>
public sealed record ChecklistItem(string Name, bool Passed, string Detail);

/// <summary>
/// Seed "post-recovery checklist": every node holds a share, the certificate is installed, a test
/// token was issued and verified, mutual attestation and clock validation pass, and tokens of
/// older epochs still verify. Pure evaluation; each item becomes a RunbookStepCompleted event.
/// </summary>
public static class PostRecoveryChecklist
{
    public static string StepName(int epoch) => "checklist@" + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<ChecklistItem> Evaluate(ChecklistFacts f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return
        [
            new("all-nodes-hold-shares", f.ShareHolders >= f.FleetSize, $"{f.ShareHolders}/{f.FleetSize} nodes hold a share"),
            new("certificate-installed", f.CertificateInstalled, f.CertificateInstalled ? "installed on every node" : "not installed"),
            new("test-token-verified", f.TestTokenVerified, f.TestTokenVerified ? "test token issued and verified" : "test token failed"),
            new("attestation-and-clock-pass", f.AttestedClockHealthy >= f.FleetSize, $"{f.AttestedClockHealthy}/{f.FleetSize} attested with a healthy clock"),
            new("old-epoch-tokens-verify", f.OldTokensVerified == f.OldTokensChecked, $"{f.OldTokensVerified}/{f.OldTokensChecked} earlier test tokens verify (tokens of revoked epochs excluded)"),
        ];
    }
}
