using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// Strict DER decoding of a PKCS#10 request for an Ed25519 or a P-384 key and check of its
/// self-signature (proof of possession: Ed25519, or ecdsa-with-SHA384). Never throws on untrusted input.
/// </summary>
internal static class CsrReader
{
    internal sealed record Csr(byte[] SubjectDer, byte[] SubjectPublicKeyInfoDer, TokenSignatureAlgorithm Algorithm);

    public static bool TryRead(ReadOnlySpan<byte> der, [NotNullWhen(true)] out Csr? csr, [NotNullWhen(false)] out PkiError? error)
    {
        csr = null;
        try
        {
            var outer = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var request = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var infoDer = request.ReadEncodedValue();
            var sigAlg = request.ReadSequence();
            var sigOid = sigAlg.ReadObjectIdentifier();
            var sigAlgHasParams = sigAlg.HasData;
            var signature = request.ReadBitString(out var unused);
            request.ThrowIfNotEmpty();
            if (unused != 0)
                return Fail(PkiFailure.MalformedRequest, "signature BIT STRING has unused bits", out error);

            var info = new AsnReader(infoDer, AsnEncodingRules.DER).ReadSequence();
            if (!info.TryReadInt32(out var version) || version != 0)
                return Fail(PkiFailure.MalformedRequest, "CSR version is not 0", out error);
            var subject = info.ReadEncodedValue();
            var spkiDer = info.ReadEncodedValue();
            var attributesTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
            if (info.HasData)
                info.ReadSetOf(attributesTag);
            info.ThrowIfNotEmpty();

            var spki = new AsnReader(spkiDer, AsnEncodingRules.DER).ReadSequence();
            var keyAlg = spki.ReadSequence();
            var keyOid = keyAlg.ReadObjectIdentifier();
            var curveOid = keyAlg.HasData && keyAlg.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) ? keyAlg.ReadObjectIdentifier() : null;
            var extraParams = keyAlg.HasData;
            var key = spki.ReadBitString(out _);
            var algorithm = KeyAlgorithm(keyOid, curveOid, extraParams, key);
            if (algorithm is null)
                return Fail(PkiFailure.UnsupportedKey, "CSR key is not an Ed25519 public key (RFC 8410, absent parameters), a P-384 point (RFC 5480, namedCurve secp384r1) or an ML-DSA-65 public key (RFC 9881, absent parameters)", out error);
            var expectedSignature = CmsDigest.SignatureOid(algorithm.Value);
            if (sigOid != expectedSignature || sigAlgHasParams)
                return Fail(PkiFailure.BadProofOfPossession, $"CSR is not signed with {expectedSignature} (absent parameters) by the requested key", out error);
            if (!SignatureVerifier.Verify(algorithm.Value, key, infoDer.Span, signature))
                return Fail(PkiFailure.BadProofOfPossession, "CSR signature does not verify under the requested key", out error);
            if (!HasCommonName(subject))
                return Fail(PkiFailure.BadSubject, "CSR subject has no common name", out error);

            csr = new Csr(subject.ToArray(), spkiDer.ToArray(), algorithm.Value);
            error = null;
            return true;
        }
        catch (AsnContentException)
        {
            return Fail(PkiFailure.MalformedRequest, "CSR is not a DER-encoded PKCS#10 request", out error);
        }
    }

    private static TokenSignatureAlgorithm? KeyAlgorithm(string keyOid, string? curveOid, bool extraParams, ReadOnlySpan<byte> key) => keyOid switch
    {
        Oids.Ed25519 when curveOid is null && !extraParams && key.Length == 32 => TokenSignatureAlgorithm.Ed25519,
        Oids.EcPublicKey when curveOid == Oids.Secp384r1 && !extraParams && P384Points.Uncompressed(key) is not null => TokenSignatureAlgorithm.EcdsaP384Sha384,
        Oids.MlDsa65 when curveOid is null && !extraParams && key.Length == 1952 => TokenSignatureAlgorithm.MlDsa65,
        _ => null,
    };

    private static bool HasCommonName(ReadOnlyMemory<byte> name)
    {
        var rdns = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
        while (rdns.HasData)
        {
            var rdn = rdns.ReadSetOf();
            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                if (attribute.ReadObjectIdentifier() == "2.5.4.3")
                    return true;
                attribute.ReadEncodedValue();
            }
        }
        return false;
    }

    private static bool Fail(PkiFailure failure, string message, out PkiError error)
    {
        error = new PkiError(failure, message);
        return false;
    }
}
