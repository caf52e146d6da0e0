using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Port to the audit log for PKI facts: CertificateIssued when an epoch's TSA certificate is
/// installed, CertificateRevoked when it is revoked. Completes when the event is durable.
/// </summary>
public interface ICertificateJournal
{
    Task RecordIssuedAsync(TsaCertificate certificate, bool externalCa, CancellationToken cancellationToken);

    Task RecordRevokedAsync(TsaCertificate certificate, CrlRevocationReason reason, DateTimeOffset revokedAt, DateTimeOffset? compromisedAt, CancellationToken cancellationToken);
}
