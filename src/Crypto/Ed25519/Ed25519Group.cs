using System.Security.Cryptography;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Ed25519;

/// <summary>
/// The prime-order Ed25519 group (RFC 8032 edwards25519, order L = 2^252 + 27742317777372353535851937790883648493)
/// and its scalar field, over libsodium's crypto_core_ed25519 / crypto_scalarmult_ed25519_noclamp.
/// Elements are 32-byte compressed encodings; scalars 32-byte little-endian, always reduced mod L.
/// Every deserialized element goes through <see cref="IsValidElement"/>, which rejects
/// non-canonical, small-order (including the identity) and non-prime-order encodings.
/// Secret operands are spans; callers keep secret temporaries on the stack and wipe them.
/// </summary>
internal static class Ed25519Group
{
    public const int ElementSize = 32;
    public const int ScalarSize = 32;

    static Ed25519Group() => Sodium.EnsureInitialized();

    /// <summary>The identity's encoding (y = 1). Never accepted from input; appears only in sums.</summary>
    public static ReadOnlySpan<byte> IdentityEncoding =>
        [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>L, little-endian.</summary>
    public static ReadOnlySpan<byte> Order =>
    [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];

    /// <summary>Canonical, on the curve, in the prime-order subgroup and not of small order.</summary>
    public static bool IsValidElement(ReadOnlySpan<byte> encoding) =>
        encoding.Length == ElementSize && Libsodium.crypto_core_ed25519_is_valid_point(encoding) == 1;

    /// <summary>True when <paramref name="s"/> is 32 bytes and &lt; L. Constant time in the value.</summary>
    public static bool IsCanonicalScalar(ReadOnlySpan<byte> s)
    {
        if (s.Length != ScalarSize) return false;
        var order = Order;
        int borrow = 0;
        for (int i = 0; i < ScalarSize; i++)
            borrow = ((s[i] - order[i] - borrow) >> 8) & 1;
        return borrow == 1; // s - L went negative
    }

    public static bool IsZeroScalar(ReadOnlySpan<byte> s)
    {
        int acc = 0;
        foreach (var b in s) acc |= b;
        return acc == 0;
    }

    public static void ScalarAdd(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => Libsodium.crypto_core_ed25519_scalar_add(z, x, y);

    public static void ScalarSub(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => Libsodium.crypto_core_ed25519_scalar_sub(z, x, y);

    public static void ScalarMul(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => Libsodium.crypto_core_ed25519_scalar_mul(z, x, y);

    public static void ScalarNegate(Span<byte> z, ReadOnlySpan<byte> x) => Libsodium.crypto_core_ed25519_scalar_negate(z, x);

    public static void ScalarInvert(Span<byte> z, ReadOnlySpan<byte> x)
    {
        if (Libsodium.crypto_core_ed25519_scalar_invert(z, x) != 0) throw Throw.Invariant("inverse of zero scalar");
    }

    /// <summary>Uniform non-zero scalar from the OS CSPRNG (via libsodium).</summary>
    public static void ScalarRandom(Span<byte> z) => Libsodium.crypto_core_ed25519_scalar_random(z);

    /// <summary>Reduces a 64-byte little-endian integer (a SHA-512 output) mod L.</summary>
    public static void ScalarReduce(Span<byte> z, ReadOnlySpan<byte> wide)
    {
        if (wide.Length != 64) throw Throw.Argument(nameof(wide), "Expected 64 bytes.");
        Libsodium.crypto_core_ed25519_scalar_reduce(z, wide);
    }

    /// <summary>Writes the scalar encoding of a small integer.</summary>
    public static void ScalarFromInt(Span<byte> z, ulong value)
    {
        z.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(z, value);
    }

    /// <summary>s·B. The identity for s = 0 (libsodium refuses that case, so we handle it here).</summary>
    public static Point BaseMul(ReadOnlySpan<byte> s)
    {
        if (IsZeroScalar(s)) return Point.Identity;
        Span<byte> q = stackalloc byte[ElementSize];
        if (Libsodium.crypto_scalarmult_ed25519_base_noclamp(q, s) != 0) throw Throw.Native("crypto_scalarmult_ed25519_base_noclamp");
        return Point.FromTrusted(q);
    }

    /// <summary>s·P for a prime-order P (or the identity).</summary>
    public static Point Mul(Point p, ReadOnlySpan<byte> s)
    {
        if (IsZeroScalar(s) || p.IsIdentity) return Point.Identity;
        Span<byte> q = stackalloc byte[ElementSize];
        if (Libsodium.crypto_scalarmult_ed25519_noclamp(q, s, p.Encoding) != 0) throw Throw.Native("crypto_scalarmult_ed25519_noclamp");
        return Point.FromTrusted(q);
    }

    public static Point Add(Point p, Point q)
    {
        Span<byte> r = stackalloc byte[ElementSize];
        if (Libsodium.crypto_core_ed25519_add(r, p.Encoding, q.Encoding) != 0) throw Throw.Native("crypto_core_ed25519_add");
        return Point.FromTrusted(r);
    }

    public static Point Sub(Point p, Point q)
    {
        Span<byte> r = stackalloc byte[ElementSize];
        if (Libsodium.crypto_core_ed25519_sub(r, p.Encoding, q.Encoding) != 0) throw Throw.Native("crypto_core_ed25519_sub");
        return Point.FromTrusted(r);
    }

    /// <summary>
    /// Σ plain_j + Σ s_i·P_i over PUBLIC scalars and points, variable time (<see cref="Vartime.VartimeMsm"/>):
    /// group commitments, Lagrange-weighted and Feldman sums, share checks. Never with a secret
    /// operand: secrets stay on libsodium's constant-time <see cref="Mul"/> and <see cref="BaseMul"/>.
    /// </summary>
    public static Point SumVartime(ReadOnlySpan<Point> plain, ReadOnlySpan<PublicScalar> scalars, ReadOnlySpan<Point> points) =>
        Point.FromVartime(CombineVartime(plain, scalars, points));

    /// <summary>True when Σ plain_j + Σ s_i·P_i is the identity (no encoding needed; variable time, public values only).</summary>
    public static bool SumsToIdentityVartime(ReadOnlySpan<Point> plain, ReadOnlySpan<PublicScalar> scalars, ReadOnlySpan<Point> points) =>
        CombineVartime(plain, scalars, points).IsIdentity;

    /// <summary>The base point, for a base-point term in <see cref="SumVartime"/>.</summary>
    public static Point BasePoint { get; } = Point.FromVartime(Vartime.EdwardsPoint.Base);

    private static Vartime.EdwardsPoint CombineVartime(ReadOnlySpan<Point> plain, ReadOnlySpan<PublicScalar> scalars, ReadOnlySpan<Point> points)
    {
        var decoded = new Vartime.EdwardsPoint[points.Length];
        for (var i = 0; i < points.Length; i++) decoded[i] = points[i].Decoded;
        var acc = Vartime.VartimeMsm.Compute(scalars, decoded);
        foreach (var p in plain) acc = acc.Add(p.Decoded.ToCached());
        return acc;
    }

    /// <summary>Fills <paramref name="buffer"/> with CSPRNG bytes.</summary>
    public static void RandomBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
