using System.Formats.Asn1;
using CcTsa.Crypto.Pki;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// The post-quantum half of a hybrid token: an unsigned attribute of the one classical SignerInfo
/// (<see cref="ProjectOids.HybridMlDsaSignature"/>) whose single value is
/// <c>SEQUENCE { signatureAlgorithm AlgorithmIdentifier, signature OCTET STRING }</c> — the ML-DSA-65
/// signature over the very DER signed attributes (SET OF, tag 0x31) the classical signature covers.
/// Unsigned, so classical verifiers ignore it and a change to it cannot break the classical part.
/// </summary>
public static class HybridSignatureAttribute
{
    /// <summary>DER of <c>[1] IMPLICIT SET OF Attribute</c> (SignerInfo.unsignedAttrs) holding the one hybrid attribute.</summary>
    public static byte[] EncodeUnsignedAttributes(ReadOnlySpan<byte> mlDsaSignature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(ProjectOids.HybridMlDsaSignature);
            using (writer.PushSetOf())
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                    writer.WriteObjectIdentifier(Oids.MlDsa65); // RFC 9882: parameters absent
                writer.WriteOctetString(mlDsaSignature);
            }
        }
        return writer.Encode();
    }

    /// <summary>
    /// The hybrid signature among a SignerInfo's unsigned attributes (the <c>[1]</c> element, tag
    /// included): null when there is none. Throws AsnContentException when the attribute is present
    /// but malformed, names another algorithm or appears twice.
    /// </summary>
    public static byte[]? Read(ReadOnlyMemory<byte> unsignedAttributes)
    {
        if (unsignedAttributes.IsEmpty) return null;
        var outer = new AsnReader(unsignedAttributes, AsnEncodingRules.DER);
        var set = outer.ReadSetOf(new Asn1Tag(TagClass.ContextSpecific, 1, true));
        outer.ThrowIfNotEmpty();
        byte[]? found = null;
        while (set.HasData)
        {
            var attribute = set.ReadSequence();
            if (attribute.ReadObjectIdentifier() != ProjectOids.HybridMlDsaSignature) continue;
            if (found is not null) throw new AsnContentException("the hybrid signature attribute appears twice");
            var values = attribute.ReadSetOf();
            attribute.ThrowIfNotEmpty();
            var value = values.ReadSequence();
            if (values.HasData) throw new AsnContentException("the hybrid signature attribute has more than one value");
            var algorithm = value.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != Oids.MlDsa65 || algorithm.HasData)
                throw new AsnContentException("the hybrid signature algorithm is not id-ml-dsa-65 without parameters");
            found = value.ReadOctetString();
            value.ThrowIfNotEmpty();
        }
        return found;
    }
}
