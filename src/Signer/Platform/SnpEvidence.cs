namespace CcTsa.Signer.Platform;

/// <summary>
/// What the Linux guest interfaces hand back for one request: the 0x4A0-byte report and the SEV
/// certificate table the host attached (empty when the host supplies none).
/// </summary>
public sealed record SnpEvidence(byte[] Report, byte[] CertificateTable);
