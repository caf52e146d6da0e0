namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Outcome of <see cref="TokenVerifier"/>: valid, or the first failed check with plain-words text.
/// <see cref="Notes"/> carries facts worth showing even on success (e.g. revoked after genTime).
/// Failure and <see cref="IsValid"/> are the classical SignerInfo's; a hybrid token's post-quantum
/// signature has its own verdict in <see cref="PostQuantum"/>, so each half is reported on its own.
/// </summary>
public sealed record TokenVerdict(VerificationFailure Failure, string Reason, TokenDetails? Details, IReadOnlyList<string> Notes)
{
    /// <summary>True when the classical SignerInfo verified (the whole token, unless it is hybrid).</summary>
    public bool IsValid => Failure == VerificationFailure.None;

    /// <summary>The hybrid ML-DSA-65 signature's verdict; null for a token without one (or whose classical checks failed before the signature).</summary>
    public PostQuantumVerdict? PostQuantum { get; init; }

    /// <summary>Classical valid and, for a hybrid token, post-quantum valid too.</summary>
    public bool AllValid => IsValid && PostQuantum is null or { IsValid: true };
}
