using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// The few ristretto255 operations the base OT needs, on 32-byte encodings. Ristretto255 is a prime-
/// order group (order ℓ, the Ed25519 scalar field, so <see cref="CcTsa.Crypto.Ed25519.Scalar"/> serves as
/// its scalars): a received element needs only the canonical-decoding check, where an Ed25519 point
/// needs a cofactor/subgroup test that libsodium repeats inside every multiplication (that check was
/// half of the pairwise setup's time). All multiplications are libsodium's constant-time ones.
/// </summary>
internal static class Ristretto
{
    public const int Size = Libsodium.crypto_core_ristretto255_BYTES;

    /// <summary>A canonical encoding of an element other than the identity (the all-zero encoding).</summary>
    public static bool IsValidNonIdentity(ReadOnlySpan<byte> p) =>
        p.Length == Size && Libsodium.crypto_core_ristretto255_is_valid_point(p) == 1 && p.ContainsAnyExcept((byte)0);

    /// <summary>k·B; k must be non-zero mod ℓ (a fresh random scalar).</summary>
    public static byte[] BaseMul(ReadOnlySpan<byte> k)
    {
        Sodium.EnsureInitialized();
        var q = new byte[Size];
        return Libsodium.crypto_scalarmult_ristretto255_base(q, k) == 0 ? q : throw new InvalidOperationException("ristretto255 base multiplication gave the identity (zero scalar).");
    }

    /// <summary>k·P into <paramref name="q"/>; false when the product is the identity.</summary>
    public static bool TryMul(ReadOnlySpan<byte> p, ReadOnlySpan<byte> k, Span<byte> q) =>
        Libsodium.crypto_scalarmult_ristretto255(q, k, p) == 0;

    public static void Add(ReadOnlySpan<byte> p, ReadOnlySpan<byte> q, Span<byte> r)
    {
        if (Libsodium.crypto_core_ristretto255_add(r, p, q) != 0) throw new InvalidOperationException("crypto_core_ristretto255_add failed.");
    }

    public static void Sub(ReadOnlySpan<byte> p, ReadOnlySpan<byte> q, Span<byte> r)
    {
        if (Libsodium.crypto_core_ristretto255_sub(r, p, q) != 0) throw new InvalidOperationException("crypto_core_ristretto255_sub failed.");
    }
}
