using System.Collections.Immutable;
using System.Formats.Asn1;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Decoded CMS signed attributes of a token. Strict: DER with sorted SET OF, every attribute
/// once with exactly one value, and the three required ones present. Other attributes are kept
/// by OID only: a verifier of foreign tokens tolerates them, a signer refuses to sign them
/// (a relay could otherwise slip in, say, a signingTime of its choosing).
/// </summary>
internal sealed record SignedAttributes(string ContentType, ImmutableArray<byte> MessageDigest, ImmutableArray<byte> SigningCertificateHash,
    ImmutableArray<string> OtherAttributes)
{
    /// <summary>Reads the SET OF (tag 0x31) form. Throws AsnContentException on bad input.</summary>
    public static SignedAttributes Read(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var set = outer.ReadSetOf();
        outer.ThrowIfNotEmpty();
        string? contentType = null;
        byte[]? digest = null;
        byte[]? certHash = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var others = ImmutableArray.CreateBuilder<string>();
        while (set.HasData)
        {
            var attribute = set.ReadSequence();
            var oid = attribute.ReadObjectIdentifier();
            if (!seen.Add(oid))
                throw new AsnContentException("attribute present twice");
            var values = attribute.ReadSetOf();
            attribute.ThrowIfNotEmpty();
            switch (oid)
            {
                case Oids.ContentType: contentType = values.ReadObjectIdentifier(); break;
                case Oids.MessageDigest: digest = values.ReadOctetString(); break;
                case Oids.SigningCertificateV2: certHash = ReadFirstCertHash(values.ReadSequence()); break;
                default: values.ReadEncodedValue(); others.Add(oid); break;
            }
            values.ThrowIfNotEmpty();
        }
        if (contentType is null || digest is null || certHash is null)
            throw new AsnContentException("content-type, message-digest or signing-certificate-v2 attribute missing");
        return new SignedAttributes(contentType, [.. digest], [.. certHash], others.ToImmutable());
    }

    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL }.
    // The first ESSCertIDv2 identifies the signer certificate (RFC 5035 §3); only SHA-256 is used here.
    private static byte[] ReadFirstCertHash(AsnReader signingCertificate)
    {
        var certs = signingCertificate.ReadSequence();
        if (signingCertificate.HasData)
            signingCertificate.ReadSequence();
        signingCertificate.ThrowIfNotEmpty();
        var first = certs.ReadSequence();
        while (certs.HasData)
            certs.ReadSequence();
        if (first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var alg = first.ReadSequence();
            if (alg.ReadObjectIdentifier() != Oids.Sha256)
                throw new AsnContentException("ESSCertIDv2 hash algorithm is not SHA-256");
        }
        var hash = first.ReadOctetString();
        if (first.HasData)
            first.ReadSequence(); // issuerSerial
        first.ThrowIfNotEmpty();
        return hash;
    }
}
