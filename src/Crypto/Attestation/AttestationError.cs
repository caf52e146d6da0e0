namespace CcTsa.Crypto.Attestation;

/// <summary>A refused report: the reason and a plain-words detail (never the raw input).</summary>
public sealed record AttestationError(AttestationFailure Failure, string Detail)
{
    public override string ToString() => $"{Failure}: {Detail}";
}
