using System.Formats.Asn1;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Decodes the CMS ContentInfo of a TimeStampToken (RFC 5652 §5, RFC 3161 §2.4.2): exactly one
/// SignerInfo identified by IssuerAndSerialNumber, with signed attributes. Throws AsnContentException.
/// </summary>
internal static class TimeStampTokenReader
{
    internal sealed record ParsedToken(
        byte[] TstInfoDer,
        string EContentType,
        IReadOnlyList<byte[]> Certificates,
        byte[] SidIssuerDer,
        byte[] SidSerial,
        string DigestOid,
        byte[] SignedAttributesDer,
        string SignatureOid,
        bool SignatureHasParameters,
        byte[] Signature,
        byte[] UnsignedAttributes);

    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, true);
    private static readonly Asn1Tag Implicit1 = new(TagClass.ContextSpecific, 1, true);

    public static ParsedToken Read(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var contentInfo = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (contentInfo.ReadObjectIdentifier() != Oids.SignedData)
            throw new AsnContentException("ContentInfo is not signedData");
        var wrapper = contentInfo.ReadSequence(Explicit0);
        contentInfo.ThrowIfNotEmpty();
        var signedData = wrapper.ReadSequence();
        wrapper.ThrowIfNotEmpty();

        signedData.ReadInteger();
        signedData.ReadSetOf();
        var encap = signedData.ReadSequence();
        var eContentType = encap.ReadObjectIdentifier();
        var eContentWrapper = encap.ReadSequence(Explicit0);
        var tstInfo = eContentWrapper.ReadOctetString();
        eContentWrapper.ThrowIfNotEmpty();
        encap.ThrowIfNotEmpty();

        var certificates = new List<byte[]>();
        if (signedData.PeekTag().HasSameClassAndValue(Explicit0))
        {
            var certs = signedData.ReadSetOf(Explicit0);
            while (certs.HasData)
                certificates.Add(certs.ReadEncodedValue().ToArray());
        }
        if (signedData.PeekTag().HasSameClassAndValue(Implicit1))
            signedData.ReadEncodedValue(); // crls: not used by time-stamp verification here
        var signerInfos = signedData.ReadSetOf();
        signedData.ThrowIfNotEmpty();
        var signerInfo = signerInfos.ReadSequence();
        if (signerInfos.HasData)
            throw new AsnContentException("a time-stamp token has exactly one SignerInfo");

        if (!signerInfo.TryReadInt32(out var version) || version != 1)
            throw new AsnContentException("SignerInfo sid is not IssuerAndSerialNumber");
        var sid = signerInfo.ReadSequence();
        var issuer = sid.ReadEncodedValue().ToArray();
        var serial = sid.ReadIntegerBytes().ToArray();
        sid.ThrowIfNotEmpty();
        var digestAlg = signerInfo.ReadSequence();
        var digestOid = digestAlg.ReadObjectIdentifier();
        if (digestAlg.HasData)
            digestAlg.ReadNull();
        digestAlg.ThrowIfNotEmpty();
        if (!signerInfo.PeekTag().HasSameClassAndValue(Explicit0))
            throw new AsnContentException("SignerInfo has no signed attributes");
        var signedAttributes = signerInfo.ReadEncodedValue().ToArray();
        signedAttributes[0] = 0x31; // the signature covers the SET OF form (RFC 5652 §5.4)
        var signatureAlg = signerInfo.ReadSequence();
        var signatureOid = signatureAlg.ReadObjectIdentifier();
        var hasParameters = signatureAlg.HasData;
        if (hasParameters)
            signatureAlg.ReadEncodedValue();
        signatureAlg.ThrowIfNotEmpty();
        var signature = signerInfo.ReadOctetString();
        // unsignedAttrs [1] (the hybrid ML-DSA signature, HybridSignatureAttribute), tag included
        var unsignedAttributes = signerInfo.HasData ? signerInfo.ReadEncodedValue().ToArray() : [];
        signerInfo.ThrowIfNotEmpty();

        return new ParsedToken(tstInfo, eContentType, certificates, issuer, serial, digestOid, signedAttributes,
            signatureOid, hasParameters, signature, unsignedAttributes);
    }
}
