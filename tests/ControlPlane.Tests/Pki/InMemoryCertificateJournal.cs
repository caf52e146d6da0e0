using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tests.Pki;

/// <summary>Records PKI events in memory for assertions.</summary>
public sealed class InMemoryCertificateJournal : ICertificateJournal
{
    public List<(KeyEpoch Epoch, TsaCertificate Certificate, bool ExternalCa)> Issued { get; } = [];

    public List<(KeyEpoch Epoch, TsaCertificate Certificate, CrlRevocationReason Reason, DateTimeOffset? CompromisedAt)> Revoked { get; } = [];

    public Task RecordIssuedAsync(KeyEpoch epoch, TsaCertificate certificate, bool externalCa, CancellationToken cancellationToken)
    {
        lock (Issued)
            Issued.Add((epoch, certificate, externalCa));
        return Task.CompletedTask;
    }

    public Task RecordRevokedAsync(KeyEpoch epoch, TsaCertificate certificate, CrlRevocationReason reason, DateTimeOffset revokedAt, DateTimeOffset? compromisedAt, CancellationToken cancellationToken)
    {
        lock (Revoked)
            Revoked.Add((epoch, certificate, reason, compromisedAt));
        return Task.CompletedTask;
    }
}
