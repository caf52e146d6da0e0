using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Result of <see cref="CertificateService.ProvisionEpochAsync"/>: the installed certificate
/// (development CA), or the CSR that now waits for an external CA.
/// </summary>
public sealed record ProvisionOutcome(TsaCertificate? Installed, string? PendingCsrPem);
