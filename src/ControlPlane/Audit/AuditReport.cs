namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// Outcome of <see cref="AuditVerifier"/>: Ok, the events walked, the first bad sequence and why
/// (null when Ok), the log's last sequence, what the checks of older logs' anchors covered
/// (AuditAnchored heads compared with the chain, anchor tokens whose signature was verified,
/// anchors that carry no token), the external heads (`--expect`, anchors.jsonl) matched, and the
/// signed tree heads checked (in log order; up to the first failure).
/// </summary>
public sealed record AuditReport(bool Ok, long Events, long? FirstBad, string? Reason, long Head,
    int AnchorsChecked, int TokensVerified, int AnchorsWithoutToken, int ExpectedMatched, IReadOnlyList<CheckedHead>? Heads = null)
{
    /// <summary>The signed tree heads checked (never null).</summary>
    public IReadOnlyList<CheckedHead> SignedHeads => Heads ?? [];
}
