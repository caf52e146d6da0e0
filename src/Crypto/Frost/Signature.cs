using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// A 64-byte RFC 8032 Ed25519 signature R ‖ z, as aggregated by FROST (also the form of a DKG proof
/// of knowledge). Any Ed25519 verifier accepts the aggregate under the group verifying key.
/// </summary>
public readonly record struct Signature(Point R, PublicScalar Z)
{
    public const int Size = 64;

    public byte[] ToArray()
    {
        var b = new byte[Size];
        R.Encoding.CopyTo(b);
        Z.Encoding.CopyTo(b.AsSpan(32));
        return b;
    }

    /// <summary>Strict decode: valid prime-order R, canonical z.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out Signature signature)
    {
        signature = default;
        if (bytes.Length != Size || !Point.TryDecode(bytes[..32], out var r) || !PublicScalar.TryDecode(bytes[32..], out var z)) return false;
        signature = new Signature(r, z);
        return true;
    }

    /// <summary>
    /// RFC 8032 verification (z·B = R + H2(R ‖ A ‖ msg)·A) by libsodium's crypto_sign_ed25519_verify_detached,
    /// which also rejects small-order R and A and non-canonical z.
    /// </summary>
    public bool Verify(Point verifyingKey, ReadOnlySpan<byte> message)
    {
        Span<byte> sig = stackalloc byte[Size];
        R.Encoding.CopyTo(sig);
        Z.Encoding.CopyTo(sig[32..]);
        return Libsodium.crypto_sign_ed25519_verify_detached(sig, message, (ulong)message.Length, verifyingKey.Encoding) == 0;
    }

    public override string ToString() => Convert.ToHexStringLower(ToArray());
}
