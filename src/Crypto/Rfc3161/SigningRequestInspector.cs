using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// What a signer node checks before releasing its signature share: the bytes it is asked to sign
/// are well-formed signed attributes whose content-type is id-ct-TSTInfo and whose message-digest
/// is the digest of the TSTInfo it was given, and that no other attribute is present. It returns the TSTInfo fields so the node can compare
/// genTime with its own clock and check policy, serial and accuracy.
/// </summary>
public static class SigningRequestInspector
{
    /// <summary>
    /// The policy of a TSTInfo, read before inspection to pick the certificate its signed attributes
    /// name (a hybrid token's post-quantum round checks them against the classical certificate); null when malformed.
    /// </summary>
    public static string? PolicyOf(ReadOnlyMemory<byte> tstInfoDer)
    {
        try
        {
            return TstInfoReader.Read(tstInfoDer).Policy;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    public static bool TryInspect(
        ReadOnlyMemory<byte> tstInfoDer,
        ReadOnlyMemory<byte> signedAttributesDer,
        TokenSignatureAlgorithm algorithm,
        [NotNullWhen(true)] out TstInfoSummary? summary,
        [NotNullWhen(false)] out string? error,
        TsaCertificate? expectedCertificate = null)
    {
        summary = null;
        SignedAttributes attributes;
        try
        {
            attributes = SignedAttributes.Read(signedAttributesDer);
        }
        catch (AsnContentException)
        {
            error = "signed attributes are malformed";
            return false;
        }
        // Exactly content-type, message-digest and signing-certificate-v2: anything else would be
        // signed on the coordinator's word (e.g. a signingTime contradicting genTime).
        if (attributes.OtherAttributes.Length > 0)
        {
            error = "signed attributes carry more than content-type, message-digest and signing-certificate-v2";
            return false;
        }
        if (attributes.ContentType != Oids.TstInfo)
        {
            error = "content-type attribute is not id-ct-TSTInfo";
            return false;
        }
        var digest = CmsDigest.Hash(algorithm, tstInfoDer.Span);
        if (!CryptographicOperations.FixedTimeEquals(digest, attributes.MessageDigest.AsSpan()))
        {
            error = "message-digest attribute does not match the TSTInfo";
            return false;
        }
        if (expectedCertificate is not null &&
            !attributes.SigningCertificateHash.AsSpan().SequenceEqual(expectedCertificate.CertHashSha256.AsSpan()))
        {
            error = "signing-certificate-v2 does not name this epoch's TSA certificate";
            return false;
        }
        try
        {
            summary = TstInfoReader.Read(tstInfoDer);
        }
        catch (AsnContentException)
        {
            error = "TSTInfo is malformed";
            return false;
        }
        error = null;
        return true;
    }
}
