namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Outcome of <see cref="TokenVerifier"/>: valid, or the first failed check with plain-words text.
/// <see cref="Notes"/> carries facts worth showing even on success (e.g. revoked after genTime).
/// </summary>
public sealed record TokenVerdict(VerificationFailure Failure, string Reason, TokenDetails? Details, IReadOnlyList<string> Notes)
{
    public bool IsValid => Failure == VerificationFailure.None;
}
