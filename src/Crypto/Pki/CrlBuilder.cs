using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// Builds the CA's CRL (RFC 5280 §5). keyCompromise entries carry an invalidityDate: the time from
/// which the key is suspected compromised, which verifiers use for the RFC 3161 §4 rule (tokens
/// with genTime before it stay valid). Routine rotation uses superseded or cessationOfOperation.
/// </summary>
public sealed class CrlBuilder
{
    private readonly List<(System.Numerics.BigInteger Serial, DateTimeOffset RevokedAt, CrlRevocationReason Reason, DateTimeOffset? InvalidityDate)> _entries = [];

    public CrlBuilder AddRevocation(System.Numerics.BigInteger serial, DateTimeOffset revokedAt, CrlRevocationReason reason, DateTimeOffset? invalidityDate = null)
    {
        if (reason == CrlRevocationReason.KeyCompromise && invalidityDate is null)
            throw new ArgumentException("keyCompromise needs the compromise time (invalidityDate)", nameof(invalidityDate));
        if (invalidityDate > revokedAt)
            throw new ArgumentException("the compromise time cannot follow the revocation time", nameof(invalidityDate));
        _entries.Add((serial, revokedAt, reason, invalidityDate));
        return this;
    }

    /// <summary>A signed DER CRL. <paramref name="crlNumber"/> must grow with every CRL the CA issues.</summary>
    public byte[] Build(DevCertificateAuthority ca, System.Numerics.BigInteger crlNumber, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (nextUpdate <= thisUpdate)
            throw new ArgumentException("nextUpdate must follow thisUpdate", nameof(nextUpdate));
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(ca.Certificate.SubjectDN);
        generator.SetThisUpdate(thisUpdate.UtcDateTime);
        generator.SetNextUpdate(nextUpdate.UtcDateTime);
        foreach (var entry in _entries)
        {
            var serial = new BigInteger(1, entry.Serial.ToByteArray(isUnsigned: true, isBigEndian: true));
            if (entry.InvalidityDate is { } invalidity)
                generator.AddCrlEntry(serial, entry.RevokedAt.UtcDateTime, (int)entry.Reason, invalidity.UtcDateTime);
            else
                generator.AddCrlEntry(serial, entry.RevokedAt.UtcDateTime, (int)entry.Reason);
        }
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(new BigInteger(1, crlNumber.ToByteArray(isUnsigned: true, isBigEndian: true))));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(ca.Certificate));
        return generator.Generate(ca.SignatureFactory()).GetEncoded();
    }
}
