using System.Formats.Asn1;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// A token waiting for its signature. <see cref="SignedAttributesDer"/> is exactly what the signer
/// signs (the DER SET OF attributes, tag 0x31; RFC 5652 §5.4). Participants check it with
/// <see cref="SigningRequestInspector"/> before releasing a share.
/// </summary>
public sealed class PreparedToken
{
    private readonly byte[] _tstInfo;
    private readonly byte[] _signedAttributes;
    private readonly TsaCertificate _certificate;
    private readonly bool _includeCertificate;

    internal PreparedToken(byte[] tstInfo, byte[] signedAttributes, TsaCertificate certificate, bool includeCertificate)
    {
        _tstInfo = tstInfo;
        _signedAttributes = signedAttributes;
        _certificate = certificate;
        _includeCertificate = includeCertificate;
    }

    public ReadOnlyMemory<byte> TstInfoDer => _tstInfo;

    public ReadOnlyMemory<byte> SignedAttributesDer => _signedAttributes;

    public TsaCertificate Certificate => _certificate;

    /// <summary>
    /// Returns a granted TimeStampResp. Unless told the caller verified it, checks the signature
    /// against the certificate key first; a signature that does not verify is our bug (aggregation
    /// must have verified it), so it throws.
    /// </summary>
    public byte[] Complete(ReadOnlySpan<byte> signature, SignatureCheck check = SignatureCheck.Verify) =>
        TimeStampResponseEncoder.EncodeGranted(CompleteToken(signature, check));

    /// <summary>As <see cref="Complete"/>, but returns the bare TimeStampToken (ContentInfo DER).</summary>
    public byte[] CompleteToken(ReadOnlySpan<byte> signature, SignatureCheck check = SignatureCheck.Verify)
    {
        if (check == SignatureCheck.Verify && !VerifySignature(signature))
            throw new ArgumentException("signature does not verify under the TSA certificate key", nameof(signature));
        return Encode(signature, null, []);
    }

    /// <summary>
    /// A granted TimeStampResp of the hybrid policy: the classical SignerInfo as <see cref="Complete"/>
    /// and <paramref name="postQuantumSignature"/> (over the same signed attributes, under
    /// <paramref name="postQuantumCertificate"/>'s key) as its <see cref="HybridSignatureAttribute"/>.
    /// With certReq the token carries both certificates (a DER SET OF: verifiers tell them apart by key type). Both signatures
    /// are checked unless the caller verified them; one that does not verify is our bug, so it throws.
    /// </summary>
    public byte[] CompleteHybrid(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> postQuantumSignature, TsaCertificate postQuantumCertificate,
        SignatureCheck check = SignatureCheck.Verify)
    {
        ArgumentNullException.ThrowIfNull(postQuantumCertificate);
        if (postQuantumCertificate.Algorithm != TokenSignatureAlgorithm.MlDsa65)
            throw new ArgumentException($"the post-quantum certificate's key is {postQuantumCertificate.Algorithm}, not ML-DSA-65", nameof(postQuantumCertificate));
        if (check == SignatureCheck.Verify && !VerifySignature(signature))
            throw new ArgumentException("signature does not verify under the TSA certificate key", nameof(signature));
        if (check == SignatureCheck.Verify && !SignatureVerifier.Verify(TokenSignatureAlgorithm.MlDsa65, postQuantumCertificate.PublicKey.AsSpan(), _signedAttributes, postQuantumSignature))
            throw new ArgumentException("post-quantum signature does not verify under the ML-DSA-65 certificate key", nameof(postQuantumSignature));
        return TimeStampResponseEncoder.EncodeGranted(
            Encode(signature, HybridSignatureAttribute.EncodeUnsignedAttributes(postQuantumSignature), postQuantumCertificate.Der.AsSpan()));
    }

    private byte[] Encode(ReadOnlySpan<byte> signature, byte[]? unsignedAttributes, ReadOnlySpan<byte> extraCertificate)
    {
        var digestOid = CmsDigest.Oid(_certificate.Algorithm);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(Oids.SignedData);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(3); // eContentType is not id-data (RFC 5652 §5.1)
                using (writer.PushSetOf())
                    WriteAlgorithm(writer, digestOid);
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Oids.TstInfo);
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                        writer.WriteOctetString(_tstInfo);
                }
                if (_includeCertificate)
                {
                    // SET OF: DER sorts the two certificates of a hybrid token; verifiers find each by ESSCertIDv2 or key type
                    using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                    {
                        writer.WriteEncodedValue(_certificate.Der.AsSpan());
                        if (!extraCertificate.IsEmpty) writer.WriteEncodedValue(extraCertificate);
                    }
                }
                using (writer.PushSetOf())
                    WriteSignerInfo(writer, digestOid, signature, unsignedAttributes);
            }
        }
        return writer.Encode();
    }

    /// <summary>True when <paramref name="signature"/> is valid over SignedAttributesDer under the certificate key.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> signature) =>
        SignatureVerifier.Verify(_certificate.Algorithm, _certificate.PublicKey.AsSpan(), _signedAttributes, signature);

    private void WriteSignerInfo(AsnWriter writer, string digestOid, ReadOnlySpan<byte> signature, byte[]? unsignedAttributes)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(1); // sid is IssuerAndSerialNumber
            writer.WriteEncodedValue(_certificate.IssuerAndSerialDer);
            WriteAlgorithm(writer, digestOid);
            // signedAttrs [0] IMPLICIT: same content as the signed SET OF, only the tag differs.
            var implicitAttributes = (byte[])_signedAttributes.Clone();
            implicitAttributes[0] = 0xA0;
            writer.WriteEncodedValue(implicitAttributes);
            WriteAlgorithm(writer, CmsDigest.SignatureOid(_certificate.Algorithm));
            writer.WriteOctetString(signature);
            if (unsignedAttributes is not null) writer.WriteEncodedValue(unsignedAttributes);
        }
    }

    // RFC 5754 / RFC 8419 / RFC 9882: parameters absent for SHA-2, Ed25519 and ML-DSA;
    // RFC 5758: absent for ecdsa-with-SHA384 too.
    private static void WriteAlgorithm(AsnWriter writer, string oid)
    {
        using (writer.PushSequence())
            writer.WriteObjectIdentifier(oid);
    }
}
