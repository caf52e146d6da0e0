using System.Collections.Immutable;
using CcTsa.Contracts.Events.Pki;

namespace CcTsa.ControlPlane.Projections;

/// <summary>TSA certificates by serial (hex), with revocation state.</summary>
public sealed record Certificates
{
    public ImmutableSortedDictionary<string, CertificateEntry> BySerial { get; init; } = ImmutableSortedDictionary<string, CertificateEntry>.Empty;

    public IEnumerable<CertificateEntry> ForEpoch(int epoch) => BySerial.Values.Where(c => c.Epoch == epoch);

    public Certificates Apply(CertificateIssued e) => this with
    {
        BySerial = BySerial.SetItem(e.SerialHex, new CertificateEntry(e.Epoch.Number, e.Scheme, e.SerialHex, e.SubjectDn, e.FingerprintSha256Hex, e.NotBefore, e.NotAfter)),
    };

    public Certificates Apply(CertificateRevoked e) =>
        BySerial.TryGetValue(e.SerialHex, out var c)
            ? this with { BySerial = BySerial.SetItem(e.SerialHex, c with { Revoked = true, RevocationReason = e.Reason, CompromisedAt = e.CompromisedAt, RevokedAt = e.At }) }
            : this;
}
