using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Ed25519;

/// <summary>
/// Ed25519 as an <see cref="IPrimeOrderGroup{TPoint}"/> for the generic sharing code: a thin adapter
/// over <see cref="Ed25519Group"/> (libsodium's constant-time scalar and base-point arithmetic, the
/// variable-time multi-scalar multiplication for public sums). Scalars are 32 bytes little-endian.
/// </summary>
internal sealed class Ed25519PrimeOrderGroup : IPrimeOrderGroup<Point>
{
    private Ed25519PrimeOrderGroup()
    {
    }

    public static string Name => "Ed25519";

    public static int ScalarSize => Ed25519Group.ScalarSize;

    public static Point Identity => Point.Identity;

    public static Point Generator => Ed25519Group.BasePoint;

    public static void ScalarAdd(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => Ed25519Group.ScalarAdd(z, x, y);

    public static void ScalarSub(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => Ed25519Group.ScalarSub(z, x, y);

    public static void ScalarMul(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => Ed25519Group.ScalarMul(z, x, y);

    public static void ScalarInvert(Span<byte> z, ReadOnlySpan<byte> x) => Ed25519Group.ScalarInvert(z, x);

    public static void ScalarRandom(Span<byte> z) => Ed25519Group.ScalarRandom(z);

    public static void ScalarFromInt(Span<byte> z, ulong value) => Ed25519Group.ScalarFromInt(z, value);

    public static bool IsCanonicalScalar(ReadOnlySpan<byte> s) => Ed25519Group.IsCanonicalScalar(s);

    public static Point BaseMul(ReadOnlySpan<byte> scalar) => Ed25519Group.BaseMul(scalar);

    public static Point Add(Point a, Point b) => Ed25519Group.Add(a, b);

    public static Point SumPublic(IReadOnlyList<byte[]> scalars, IReadOnlyList<Point> points)
    {
        var s = new PublicScalar[scalars.Count];
        for (var i = 0; i < s.Length; i++) s[i] = PublicScalar.FromTrusted(scalars[i]);
        return Ed25519Group.SumVartime([], s, [.. points]);
    }

    public static bool PointEquals(Point a, Point b) => a == b;

    public static bool IsIdentity(Point p) => p.IsIdentity;

    public static byte[] Encode(Point p) => p.ToArray();

    public static bool TryDecode(ReadOnlySpan<byte> encoding, out Point point) => Point.TryDecode(encoding, out point);
}
