using System.Numerics;
using CcTsa.Crypto.Pki;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Reads back the entries of a CRL this CA issued, so the next CRL (new revocation, or a routine
/// re-issue before nextUpdate) carries every earlier entry: the signed CRL file is the durable
/// revocation list of the development CA, and CertificateRevoked events are its audit trail.
/// </summary>
public static class CrlEntries
{
    public static (IReadOnlyList<Revocation> Entries, BigInteger Number, DateTimeOffset ThisUpdate) Read(byte[] crlDer)
    {
        var crl = new X509CrlParser().ReadCrl(crlDer);
        var number = crl.GetExtensionValue(X509Extensions.CrlNumber) is { } ext
            ? new BigInteger(DerInteger.GetInstance(Asn1Object.FromByteArray(ext.GetOctets())).PositiveValue.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true)
            : BigInteger.Zero;
        var entries = new List<Revocation>();
        foreach (var entry in crl.GetRevokedCertificates() ?? new HashSet<X509CrlEntry>())
        {
            var serial = new BigInteger(entry.SerialNumber.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
            var reason = CrlRevocationReason.CessationOfOperation;
            if (entry.GetExtensionValue(X509Extensions.ReasonCode) is { } r)
                reason = (CrlRevocationReason)DerEnumerated.GetInstance(Asn1Object.FromByteArray(r.GetOctets())).IntValueExact;
            DateTimeOffset? compromised = null;
            if (entry.GetExtensionValue(X509Extensions.InvalidityDate) is { } d)
                compromised = new DateTimeOffset(Asn1GeneralizedTime.GetInstance(Asn1Object.FromByteArray(d.GetOctets())).ToDateTime(), TimeSpan.Zero);
            entries.Add(new Revocation(serial, new DateTimeOffset(entry.RevocationDate, TimeSpan.Zero), reason, compromised));
        }
        return (entries, number, new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero));
    }
}
