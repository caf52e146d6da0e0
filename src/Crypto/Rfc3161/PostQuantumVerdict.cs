namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Outcome of the post-quantum half of a hybrid token (<see cref="HybridSignatureCheck"/>): valid, or
/// the failed check named, independently of the classical verdict beside it.
/// </summary>
public sealed record PostQuantumVerdict(VerificationFailure Failure, string Reason, string? SignerSubject)
{
    public bool IsValid => Failure == VerificationFailure.None;
}
