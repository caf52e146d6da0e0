using System.Collections.Immutable;
using CcTsa.Contracts.Events.Pki;

namespace CcTsa.ControlPlane.Projections;

/// <summary>TSA certificates by serial (hex), with revocation state; an epoch has one per scheme (FROST Ed25519, ECDSA P-384).</summary>
public sealed record Certificates
{
    public ImmutableSortedDictionary<string, CertificateEntry> BySerial { get; init; } = ImmutableSortedDictionary<string, CertificateEntry>.Empty;

    public IEnumerable<CertificateEntry> ForEpoch(int epoch) => BySerial.Values.Where(c => c.Epoch == epoch);

    /// <summary>A certificate of <paramref name="epoch"/> was revoked: the epoch's key must not sign again.</summary>
    public bool Revoked(int epoch) => ForEpoch(epoch).Any(c => c.Revoked);

    /// <summary>The epoch has a certificate and none of its certificates was revoked.</summary>
    public bool Installed(int epoch) => ForEpoch(epoch).Any() && !Revoked(epoch);

    /// <summary>The epoch has a certificate for <paramref name="scheme"/>'s key and none of the epoch's certificates was revoked.</summary>
    public bool Installed(int epoch, string scheme) => ForEpoch(epoch).Any(c => c.Scheme == scheme) && !Revoked(epoch);

    public Certificates Apply(CertificateIssued e) => this with
    {
        BySerial = BySerial.SetItem(e.SerialHex, new CertificateEntry(e.Epoch.Number, e.Scheme, e.SerialHex, e.SubjectDn, e.FingerprintSha256Hex, e.NotBefore, e.NotAfter)
        {
            MeasurementHex = e.MeasurementHex ?? "",
        }),
    };

    public Certificates Apply(CertificateRevoked e) =>
        BySerial.TryGetValue(e.SerialHex, out var c)
            ? this with { BySerial = BySerial.SetItem(e.SerialHex, c with { Revoked = true, RevocationReason = e.Reason, CompromisedAt = e.CompromisedAt, RevokedAt = e.At }) }
            : this;
}
