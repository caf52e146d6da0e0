namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Trust inputs of a verification: the CA certificate (trust anchor), an optional CRL from that CA,
/// and the TSA certificate when the token was issued without certificates (certReq false).
/// For a hybrid token issued without certificates, the epoch's ML-DSA-65 certificate
/// (<see cref="PostQuantumCertificateDer"/>). An empty value counts as absent.
/// </summary>
public sealed record TokenVerificationOptions(
    ReadOnlyMemory<byte> CaCertificateDer,
    ReadOnlyMemory<byte>? CrlDer = null,
    ReadOnlyMemory<byte>? TsaCertificateDer = null,
    ReadOnlyMemory<byte>? PostQuantumCertificateDer = null);
