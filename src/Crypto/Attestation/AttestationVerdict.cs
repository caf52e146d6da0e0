namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The outcome of verifying a report: valid, or the first failed check. The parsed report and VCEK
/// extensions are kept when they could be read, so a refusal can still be shown field by field.
/// </summary>
public sealed record AttestationVerdict(
    AttestationError? Error,
    SnpReport? Report,
    SnpProduct Product,
    VcekExtensions? Vcek,
    bool SimulatedRoot)
{
    public bool IsValid => Error is null;

    public AttestationFailure? Failure => Error?.Failure;

    public override string ToString() => IsValid ? "VALID" : "INVALID — " + Error;
}
