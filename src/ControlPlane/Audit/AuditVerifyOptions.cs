namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// What <see cref="AuditVerifier"/> checks beyond the links: heads the log must contain
/// (`--expect`, anchors.jsonl), the anchor tokens' signatures (null: not checked, no certificates at
/// hand), and an incremental start: a head verified before, from which the walk resumes instead of
/// starting at sequence 1 (null: the whole chain).
/// </summary>
public sealed record AuditVerifyOptions(IReadOnlyList<ExpectedHead> Expected, AnchorTokenCheck? Tokens = null, ExpectedHead? StartFrom = null)
{
    public static AuditVerifyOptions ChainOnly { get; } = new([]);
}
