using System.Collections.Immutable;
using CcTsa.Contracts.Events.Pki;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// TSA certificates by serial (hex), with revocation state; an epoch has one current certificate per
/// scheme (FROST Ed25519, ECDSA P-384, ML-DSA-65), and the ML-DSA-65 one is replaced when a refresh re-keys that key.
/// </summary>
public sealed record Certificates
{
    public ImmutableSortedDictionary<string, CertificateEntry> BySerial { get; init; } = ImmutableSortedDictionary<string, CertificateEntry>.Empty;

    public IEnumerable<CertificateEntry> ForEpoch(int epoch) => BySerial.Values.Where(c => c.Epoch == epoch);

    /// <summary>
    /// A certificate of <paramref name="epoch"/> was revoked: the epoch's key must not sign again.
    /// The one exception is a certificate another of its epoch and scheme replaced and that was
    /// revoked as superseded (the old ML-DSA-65 certificate after a re-key): the epoch's keys sign on.
    /// </summary>
    public bool Revoked(int epoch) => ForEpoch(epoch).Any(c => c.Revoked && !(c.Replaced && c.RevocationReason == Superseded));

    /// <summary>The epoch has a certificate and none of its certificates was revoked.</summary>
    public bool Installed(int epoch) => ForEpoch(epoch).Any() && !Revoked(epoch);

    /// <summary>The epoch has a (not replaced) certificate for <paramref name="scheme"/>'s key and none of the epoch's certificates was revoked.</summary>
    public bool Installed(int epoch, string scheme) => ForEpoch(epoch).Any(c => c.Scheme == scheme && !c.Replaced) && !Revoked(epoch);

    /// <summary>The RFC 5280 reason name the log records for a routine replacement.</summary>
    private const string Superseded = "superseded";

    public Certificates Apply(CertificateIssued e)
    {
        // a second certificate of the epoch's scheme (the ML-DSA-65 key was re-keyed) replaces the earlier one
        var replaced = BySerial.Values.Where(c => c.Epoch == e.Epoch.Number && c.Scheme == e.Scheme && c.SerialHex != e.SerialHex && !c.Replaced)
            .Aggregate(BySerial, (all, c) => all.SetItem(c.SerialHex, c with { Replaced = true }));
        return this with
        {
            BySerial = replaced.SetItem(e.SerialHex, new CertificateEntry(e.Epoch.Number, e.Scheme, e.SerialHex, e.SubjectDn, e.FingerprintSha256Hex, e.NotBefore, e.NotAfter)
            {
                MeasurementHex = e.MeasurementHex ?? "",
            }),
        };
    }

    public Certificates Apply(CertificateRevoked e) =>
        BySerial.TryGetValue(e.SerialHex, out var c)
            ? this with { BySerial = BySerial.SetItem(e.SerialHex, c with { Revoked = true, RevocationReason = e.Reason, CompromisedAt = e.CompromisedAt, RevokedAt = e.At }) }
            : this;
}
