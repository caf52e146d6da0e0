using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// The confidential-computing platform a signer runs on: it produces SEV-SNP attestation reports
/// whose REPORT_DATA the caller chooses (see <see cref="ReportDataBinding"/>), and supplies the
/// certificates a verifier needs. Implementations: <see cref="SimulatedPlatform"/>,
/// <see cref="SevGuestPlatform"/>. Failures to reach the platform are <see cref="PlatformUnavailableException"/>.
/// </summary>
public interface IPlatform
{
    /// <summary>"simulated-sev-snp" or "sev-snp".</summary>
    string Name { get; }

    /// <summary>A signed 0x4A0-byte report carrying exactly <paramref name="reportData64"/> (64 bytes).</summary>
    Task<byte[]> GetReportAsync(ReadOnlyMemory<byte> reportData64, CancellationToken cancellationToken);

    /// <summary>The VCEK (and, when known, ASK/ARK) that verifiers check the report against.</summary>
    AttestationChain CertificateChain { get; }
}
