using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Port to the audit log for PKI facts: CertificateIssued when an epoch's TSA certificate is
/// installed, CertificateRevoked when it is revoked. Completes when the event is durable.
/// The epoch is passed explicitly: a certificate from an external CA does not carry the
/// SignerBinding extension, so <see cref="TsaCertificate.Epoch"/> may be null.
/// </summary>
public interface ICertificateJournal
{
    Task RecordIssuedAsync(KeyEpoch epoch, TsaCertificate certificate, bool externalCa, CancellationToken cancellationToken);

    Task RecordRevokedAsync(KeyEpoch epoch, TsaCertificate certificate, CrlRevocationReason reason, DateTimeOffset revokedAt, DateTimeOffset? compromisedAt, CancellationToken cancellationToken);
}
