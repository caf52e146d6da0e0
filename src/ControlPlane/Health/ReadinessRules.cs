namespace CcTsa.ControlPlane.Health;

/// <summary>
/// Whether a token can be issued now, as a pure function: a key epoch that is not revoked, its
/// certificate installed, at least t signers reachable (attested, clock-healthy holders of the
/// epoch's share) and an event store that took its last write. Each unmet condition is one reason,
/// in plain words. /readyz answers this; /api/cluster never says Healthy, Degraded or Critical while
/// it is false.
/// </summary>
public static class ReadinessRules
{
    public sealed record Verdict(bool Ready, IReadOnlyList<string> Reasons);

    /// <param name="ecdsaPaired">
    /// False when the epoch has a threshold-ECDSA key but no <paramref name="threshold"/> reachable
    /// signers have finished their pairwise setups with each other (DKLs23 multiplies pairwise).
    /// </param>
    public static Verdict Decide(int epoch, bool revoked, bool certificateInstalled, int signers, int threshold, string? storeFailure, bool ecdsaPaired = true)
    {
        var reasons = new List<string>();
        if (epoch == 0) reasons.Add("no key epoch yet (key generation has not completed)");
        else
        {
            if (revoked) reasons.Add($"the certificate of epoch {epoch} is revoked");
            else if (!certificateInstalled) reasons.Add($"the certificate of epoch {epoch} is not yet installed");
            if (signers < threshold) reasons.Add($"{signers} signer(s) reachable for epoch {epoch}, {threshold} needed");
            else if (!ecdsaPaired) reasons.Add($"no {threshold} reachable signers of epoch {epoch} have finished their pairwise threshold-ECDSA setups with each other");
        }
        if (storeFailure is not null) reasons.Add(storeFailure);
        return new Verdict(reasons.Count == 0, reasons);
    }
}
