using System.Security.Cryptography.X509Certificates;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// <see cref="ICertificateJournal"/> over the audit log: CertificateIssued and CertificateRevoked,
/// awaited until durable. Used by the control plane and by `cctsa ca import` (the SQLite and
/// PostgreSQL stores both take the chain head inside the append transaction, so a second process
/// appending is safe).
/// </summary>
public sealed class EventLogCertificateJournal(IEventLog log) : ICertificateJournal
{
    public async Task RecordIssuedAsync(KeyEpoch epoch, TsaCertificate certificate, bool externalCa, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var issued = new CertificateIssued(
            epoch,
            SchemeOf(certificate.Algorithm),
            Convert.ToHexStringLower(certificate.SerialNumber.AsSpan()),
            new X500DistinguishedName(certificate.SubjectDer.AsSpan()).Name,
            Convert.ToHexStringLower(certificate.CertHashSha256.AsSpan()),
            certificate.LaunchMeasurement is { } m ? Convert.ToHexStringLower(m.AsSpan()) : "",
            certificate.NotBefore,
            certificate.NotAfter);
        await log.AppendAsync([issued], cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordRevokedAsync(KeyEpoch epoch, TsaCertificate certificate, CrlRevocationReason reason, DateTimeOffset revokedAt, DateTimeOffset? compromisedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var revoked = new CertificateRevoked(epoch, Convert.ToHexStringLower(certificate.SerialNumber.AsSpan()), ReasonName(reason), compromisedAt, revokedAt);
        await log.AppendAsync([revoked], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RFC 5280 CRLReason names, as they appear in the CRL and in /api/events.</summary>
    public static string ReasonName(CrlRevocationReason reason) => reason switch
    {
        CrlRevocationReason.KeyCompromise => "keyCompromise",
        CrlRevocationReason.Superseded => "superseded",
        CrlRevocationReason.CessationOfOperation => "cessationOfOperation",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown revocation reason."),
    };

    public static string SchemeOf(TokenSignatureAlgorithm algorithm) => algorithm switch
    {
        TokenSignatureAlgorithm.Ed25519 => "frost-ed25519",
        TokenSignatureAlgorithm.EcdsaP384Sha384 => "ecdsa-p384",
        TokenSignatureAlgorithm.MlDsa65 => "ml-dsa-65",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown scheme."),
    };
}
