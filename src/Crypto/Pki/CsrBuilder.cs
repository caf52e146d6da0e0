using System.Formats.Asn1;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// PKCS#10 request (RFC 2986) for the threshold group key, in two phases: the threshold group
/// signs <see cref="ToBeSigned"/> (the CertificationRequestInfo DER) in a signing round, which is
/// the proof of possession, and <see cref="Complete"/> wraps the signature.
/// </summary>
public sealed class CsrBuilder
{
    private readonly byte[] _info;
    private readonly byte[] _publicKey;

    /// <param name="subject">Distinguished name, e.g. "CN=CC-TSA Ed25519 epoch 1,O=CC-TSA".</param>
    /// <param name="ed25519PublicKey">The 32-byte Ed25519 group public key.</param>
    public CsrBuilder(string subject, ReadOnlySpan<byte> ed25519PublicKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (ed25519PublicKey.Length != 32)
            throw new ArgumentException("an Ed25519 public key is 32 bytes", nameof(ed25519PublicKey));
        _publicKey = ed25519PublicKey.ToArray();
        var name = new X509Name(subject).GetEncoded(Asn1Encodable.Der);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            writer.WriteEncodedValue(name);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                    writer.WriteObjectIdentifier(Oids.Ed25519);
                writer.WriteBitString(ed25519PublicKey);
            }
            // attributes [0] IMPLICIT SET OF: empty; the CA decides every extension itself.
            using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            {
            }
        }
        _info = writer.Encode();
    }

    /// <summary>The CertificationRequestInfo DER: the bytes the group key signs.</summary>
    public ReadOnlyMemory<byte> ToBeSigned => _info;

    /// <summary>The CertificationRequest DER. Throws when the signature does not verify (our bug).</summary>
    public byte[] Complete(ReadOnlySpan<byte> signature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(_info);
            using (writer.PushSequence())
                writer.WriteObjectIdentifier(Oids.Ed25519);
            writer.WriteBitString(signature);
        }
        if (!SignatureVerifier.Verify(TokenSignatureAlgorithm.Ed25519, _publicKey, _info, signature))
            throw new ArgumentException("signature does not verify under the CSR's public key", nameof(signature));
        return writer.Encode();
    }
}
