using System.Security.Cryptography;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.P384;

/// <summary>
/// NIST P-384 as an <see cref="IPrimeOrderGroup{TPoint}"/> for the generic sharing code: a thin
/// adapter over <see cref="P384Scalar"/> (constant-time Montgomery arithmetic) and
/// <see cref="P384Point"/> (our comb for k·G, OpenSSL's wNAF for public sums). Scalars are 48 bytes
/// big-endian; a secret is lifted into a stack value only for the one operation.
/// </summary>
internal sealed class P384PrimeOrderGroup : IPrimeOrderGroup<P384Point>
{
    private P384PrimeOrderGroup()
    {
    }

    public static string Name => "P-384";

    public static int ScalarSize => P384Scalar.Size;

    public static P384Point Identity => P384Point.Identity;

    public static P384Point Generator => P384Point.Generator;

    public static void ScalarAdd(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => (Lift(x) + Lift(y)).WriteTo(z);

    public static void ScalarSub(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => (Lift(x) - Lift(y)).WriteTo(z);

    public static void ScalarMul(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => (Lift(x) * Lift(y)).WriteTo(z);

    public static void ScalarInvert(Span<byte> z, ReadOnlySpan<byte> x) => Lift(x).Invert().WriteTo(z);

    public static void ScalarRandom(Span<byte> z) => P384Scalar.RandomNonZero().WriteTo(z);

    public static void ScalarFromInt(Span<byte> z, ulong value) => P384Scalar.FromBig(value).WriteTo(z);

    public static bool IsCanonicalScalar(ReadOnlySpan<byte> s) => P384Scalar.TryDecode(s, out _);

    public static P384Point BaseMul(ReadOnlySpan<byte> scalar) => P384Point.MulBase(Lift(scalar));

    public static P384Point Add(P384Point a, P384Point b) => a + b;

    /// <summary>Generator terms fold into OpenSSL's g-scalar slot; each other term is one wNAF a·G + b·P.</summary>
    public static P384Point SumPublic(IReadOnlyList<byte[]> scalars, IReadOnlyList<P384Point> points)
    {
        var g = P384Scalar.Zero;
        var terms = new List<(P384Scalar S, P384Point P)>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            if (ReferenceEquals(points[i], P384Point.Generator)) g += Lift(scalars[i]);
            else terms.Add((Lift(scalars[i]), points[i]));
        }
        if (terms.Count == 0) return P384Point.MulBase(g);
        var acc = P384Point.MulAddPublic(g, terms[0].S, terms[0].P);
        for (var i = 1; i < terms.Count; i++) acc += P384Point.MulAddPublic(P384Scalar.Zero, terms[i].S, terms[i].P);
        return acc;
    }

    public static bool PointEquals(P384Point a, P384Point b) => a.Equals(b);

    public static bool IsIdentity(P384Point p) => p.IsIdentity;

    public static byte[] Encode(P384Point p) => p.Encode();

    public static bool TryDecode(ReadOnlySpan<byte> encoding, out P384Point point) => P384Point.TryDecode(encoding, out point);

    /// <summary>A canonical encoding as a field value; a non-canonical one is our bug (inputs are checked on decode).</summary>
    private static P384Scalar Lift(ReadOnlySpan<byte> s) =>
        P384Scalar.TryDecode(s, out var v) ? v : throw new CryptographicException("Invariant broken: a P-384 scalar is not canonical.");
}
