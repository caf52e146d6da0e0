namespace CcTsa.Crypto.Pki;

/// <summary>Reasons a CSR or issuance request is refused.</summary>
public enum PkiFailure
{
    MalformedRequest,
    UnsupportedKey,
    BadProofOfPossession,
    BadSubject,
    BadValidity,
    BadMeasurement,
}
