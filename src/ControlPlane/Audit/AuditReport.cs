namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// Outcome of <see cref="AuditVerifier"/>: Ok, the events walked, the first bad sequence and why
/// (null when Ok), the log's last sequence, and what the anchor checks covered: AuditAnchored heads
/// compared with the chain, anchor tokens whose signature was verified, anchors that carry no token
/// (written before tokens were recorded), and external heads (`--expect`, anchors.jsonl) matched.
/// </summary>
public sealed record AuditReport(bool Ok, long Events, long? FirstBad, string? Reason, long Head,
    int AnchorsChecked, int TokensVerified, int AnchorsWithoutToken, int ExpectedMatched);
