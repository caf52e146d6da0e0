using CcTsa.ControlPlane.Pki;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tests.Pki;

/// <summary>Records PKI events in memory for assertions.</summary>
public sealed class InMemoryCertificateJournal : ICertificateJournal
{
    public List<(TsaCertificate Certificate, bool ExternalCa)> Issued { get; } = [];

    public List<(TsaCertificate Certificate, CrlRevocationReason Reason, DateTimeOffset? CompromisedAt)> Revoked { get; } = [];

    public Task RecordIssuedAsync(TsaCertificate certificate, bool externalCa, CancellationToken cancellationToken)
    {
        lock (Issued)
            Issued.Add((certificate, externalCa));
        return Task.CompletedTask;
    }

    public Task RecordRevokedAsync(TsaCertificate certificate, CrlRevocationReason reason, DateTimeOffset revokedAt, DateTimeOffset? compromisedAt, CancellationToken cancellationToken)
    {
        lock (Revoked)
            Revoked.Add((certificate, reason, compromisedAt));
        return Task.CompletedTask;
    }
}
