using CcTsa.Crypto.Ed25519;
using NSec.Cryptography;

namespace CcTsa.Crypto.Tests.Vectors;

/// <summary>Plain RFC 8032 Ed25519 verification by NSec: an implementation not written here.</summary>
internal static class IndependentVerifier
{
    public static bool Verify(Point publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var alg = SignatureAlgorithm.Ed25519;
        var key = PublicKey.Import(alg, publicKey.Encoding, KeyBlobFormat.RawPublicKey);
        return alg.Verify(key, message, signature);
    }
}
