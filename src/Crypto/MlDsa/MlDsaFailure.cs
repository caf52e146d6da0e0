namespace CcTsa.Crypto.MlDsa;

/// <summary>Why a threshold ML-DSA-65 step refused its inputs or produced no signature.</summary>
public enum MlDsaFailure
{
    /// <summary>A commitment, reveal or response is missing, duplicated or from a party outside the signer set.</summary>
    WrongParticipants,
    /// <summary>A message has the wrong length.</summary>
    MalformedMessage,
    /// <summary>A revealed W does not hash to the party's Round-1 commitment.</summary>
    WrongCommitmentOpening,
    /// <summary>A revealed W holds a coefficient ≥ q.</summary>
    MalformedReveal,
    /// <summary>A response z lies outside the hyperball bound, or is non-zero in a slot it rejected.</summary>
    MalformedResponse,
    /// <summary>No slot of this run passed every check: an expected outcome (about half the runs); start a new run.</summary>
    RunRejected,
    /// <summary>DKG: the holders of a subset announce different share commitments D_S (their seeds differ).</summary>
    ShareCommitmentMismatch,
    /// <summary>The signature passed every combiner check but a FIPS 204 verifier refused it (fail closed).</summary>
    SignatureInvalid,
}
