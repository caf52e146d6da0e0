using System.Formats.Asn1;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Builds RFC 3161 tokens in two phases so the signature can come from an asynchronous threshold
/// round: <see cref="Prepare"/> fixes TSTInfo and the signed attributes (the exact bytes to sign),
/// <see cref="PreparedToken.Complete"/> wraps the signature into a granted TimeStampResp.
/// </summary>
public static class TokenBuilder
{
    public static PreparedToken Prepare(TimeStampRequest request, TstInfoFields fields, TsaCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var tstInfo = TstInfoBuilder.Encode(request, fields, certificate);
        var digest = CmsDigest.Hash(certificate.Algorithm, tstInfo);
        var signedAttributes = EncodeSignedAttributes(digest, certificate);
        return new PreparedToken(tstInfo, signedAttributes, certificate, request.CertReq);
    }

    /// <summary>Prepare, sign, complete: for single-process signers (tests, benchmarks, the dev baseline).</summary>
    public static async ValueTask<byte[]> IssueAsync(
        TimeStampRequest request, TstInfoFields fields, TsaCertificate certificate, ITokenSigner signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(certificate);
        if (signer.Algorithm != certificate.Algorithm)
            throw new ArgumentException($"signer algorithm {signer.Algorithm} does not match the certificate key ({certificate.Algorithm})", nameof(signer));
        var prepared = Prepare(request, fields, certificate);
        var signature = await signer.SignAsync(prepared.SignedAttributesDer, cancellationToken).ConfigureAwait(false);
        return prepared.Complete(signature);
    }

    /// <summary>
    /// SignedAttributes as a DER SET OF (tag 0x31): content-type, message-digest and
    /// signing-certificate-v2. DER sorts the SET OF by encoding, which AsnWriter does for us.
    /// </summary>
    private static byte[] EncodeSignedAttributes(byte[] digest, TsaCertificate certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Oids.ContentType);
                using (writer.PushSetOf())
                    writer.WriteObjectIdentifier(Oids.TstInfo);
            }
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Oids.MessageDigest);
                using (writer.PushSetOf())
                    writer.WriteOctetString(digest);
            }
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Oids.SigningCertificateV2);
                using (writer.PushSetOf())
                    writer.WriteEncodedValue(certificate.SigningCertificateV2Der);
            }
        }
        return writer.Encode();
    }
}
