using System.Security.Cryptography.X509Certificates;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Pki;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Hosting;

/// <summary><see cref="ICertificateJournal"/> over the audit log: CertificateIssued / CertificateRevoked.</summary>
public sealed class LogCertificateJournal(IEventLog log) : ICertificateJournal
{
    public async Task RecordIssuedAsync(TsaCertificate certificate, bool externalCa, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var evt = new CertificateIssued(
            certificate.Epoch ?? throw new InvalidOperationException("A TSA certificate without its key epoch cannot be recorded."),
            certificate.Algorithm.ToString(),
            Convert.ToHexStringLower(certificate.SerialNumber.AsSpan()),
            new X500DistinguishedName(certificate.SubjectDer.AsSpan()).Name,
            Convert.ToHexStringLower(certificate.CertHashSha256.AsSpan()),
            certificate.LaunchMeasurement is { } m ? Convert.ToHexStringLower(m.AsSpan()) : "",
            certificate.NotBefore,
            certificate.NotAfter);
        await log.AppendAsync([evt], cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordRevokedAsync(TsaCertificate certificate, CrlRevocationReason reason, DateTimeOffset revokedAt, DateTimeOffset? compromisedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var reasonText = reason.ToString();
        var evt = new CertificateRevoked(
            certificate.Epoch ?? throw new InvalidOperationException("A TSA certificate without its key epoch cannot be recorded."),
            Convert.ToHexStringLower(certificate.SerialNumber.AsSpan()),
            char.ToLowerInvariant(reasonText[0]) + reasonText[1..],
            compromisedAt,
            revokedAt);
        await log.AppendAsync([evt], cancellationToken).ConfigureAwait(false);
    }
}
