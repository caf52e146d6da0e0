using System.Formats.Asn1;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// PKCS#10 request (RFC 2986) for a threshold group key, in two phases: the threshold group
/// signs <see cref="ToBeSigned"/> (the CertificationRequestInfo DER) in a signing round, which is
/// the proof of possession, and <see cref="Complete"/> wraps the signature. Ed25519 (RFC 8410) for
/// the FROST key, ecdsa-with-SHA384 over P-384 (RFC 5480/5758) for the DKLs23 key, id-ml-dsa-65
/// (RFC 9881: the 1952-byte FIPS 204 public key as the BIT STRING, absent parameters) for the
/// threshold ML-DSA key.
/// </summary>
public sealed class CsrBuilder
{
    private readonly byte[] _info;
    private readonly byte[] _publicKey;
    private readonly TokenSignatureAlgorithm _algorithm;

    /// <param name="subject">Distinguished name, e.g. "CN=CC-TSA Ed25519 epoch 1,O=CC-TSA".</param>
    /// <param name="ed25519PublicKey">The 32-byte Ed25519 group public key.</param>
    public CsrBuilder(string subject, ReadOnlySpan<byte> ed25519PublicKey)
        : this(subject, TokenSignatureAlgorithm.Ed25519, ed25519PublicKey)
    {
    }

    /// <param name="subject">Distinguished name of the request.</param>
    /// <param name="algorithm">Ed25519 (32-byte key), EcdsaP384Sha384 (SEC1 point, compressed or not) or MlDsa65 (1952-byte key).</param>
    /// <param name="publicKey">The group public key in the algorithm's encoding.</param>
    public CsrBuilder(string subject, TokenSignatureAlgorithm algorithm, ReadOnlySpan<byte> publicKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        _algorithm = algorithm;
        _publicKey = algorithm switch
        {
            TokenSignatureAlgorithm.Ed25519 when publicKey.Length == 32 => publicKey.ToArray(),
            TokenSignatureAlgorithm.Ed25519 => throw new ArgumentException("an Ed25519 public key is 32 bytes", nameof(publicKey)),
            // SPKI carries the uncompressed point: the form every verifier reads (RFC 5480 §2.2)
            TokenSignatureAlgorithm.EcdsaP384Sha384 => P384Points.Uncompressed(publicKey)
                ?? throw new ArgumentException("not a SEC1 encoding of a P-384 point", nameof(publicKey)),
            TokenSignatureAlgorithm.MlDsa65 when publicKey.Length == MlDsa65PublicKeyBytes => publicKey.ToArray(),
            TokenSignatureAlgorithm.MlDsa65 => throw new ArgumentException($"an ML-DSA-65 public key is {MlDsa65PublicKeyBytes} bytes", nameof(publicKey)),
            _ => throw new ArgumentException($"no CSR for {algorithm} keys", nameof(algorithm)),
        };
        var name = new X509Name(subject).GetEncoded(Asn1Encodable.Der);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            writer.WriteEncodedValue(name);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    if (algorithm == TokenSignatureAlgorithm.Ed25519)
                        writer.WriteObjectIdentifier(Oids.Ed25519);
                    else if (algorithm == TokenSignatureAlgorithm.MlDsa65)
                        writer.WriteObjectIdentifier(Oids.MlDsa65);
                    else
                    {
                        writer.WriteObjectIdentifier(Oids.EcPublicKey);
                        writer.WriteObjectIdentifier(Oids.Secp384r1);
                    }
                }
                writer.WriteBitString(_publicKey);
            }
            // attributes [0] IMPLICIT SET OF: empty; the CA decides every extension itself.
            using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
            }
        }
        _info = writer.Encode();
    }

    private const int MlDsa65PublicKeyBytes = 1952;

    /// <summary>The CertificationRequestInfo DER: the bytes the group key signs.</summary>
    public ReadOnlyMemory<byte> ToBeSigned => _info;

    /// <summary>
    /// The CertificationRequest DER. <paramref name="signature"/> is the scheme's native form
    /// (Ed25519: 64 bytes; ECDSA: DER Ecdsa-Sig-Value). Throws when it does not verify (our bug).
    /// </summary>
    public byte[] Complete(ReadOnlySpan<byte> signature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(_info);
            // every algorithm identifier here has absent parameters (RFC 8410 §3, RFC 5758 §3.2, RFC 9881 §2)
            using (writer.PushSequence())
                writer.WriteObjectIdentifier(CmsDigest.SignatureOid(_algorithm));
            writer.WriteBitString(signature);
        }
        if (!SignatureVerifier.Verify(_algorithm, _publicKey, _info, signature))
            throw new ArgumentException("signature does not verify under the CSR's public key", nameof(signature));
        return writer.Encode();
    }
}
