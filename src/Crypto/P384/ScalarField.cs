using System.Numerics;

namespace CcTsa.Crypto.P384;

/// <summary>
/// Arithmetic mod n (the P-384 group order) on 6×64-bit little-endian limbs in Montgomery form
/// (R = 2^384), CIOS multiplication. Constant time: no branch or memory index depends on limb
/// values; the final subtractions use masks. About 20× faster than BigInteger mul+mod here.
/// </summary>
internal static class ScalarField
{
    public const int Limbs = 6;

    /// <summary>n as an integer (declared here, not in P384Scalar, so the type initializers do not cycle).</summary>
    public static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly ulong[] N =
    [
        0xECEC196ACCC52973UL, 0x581A0DB248B0A77AUL, 0xC7634D81F4372DDFUL,
        0xFFFFFFFFFFFFFFFFUL, 0xFFFFFFFFFFFFFFFFUL, 0xFFFFFFFFFFFFFFFFUL,
    ];

    /// <summary>−n^{-1} mod 2^64.</summary>
    private static readonly ulong NPrime = ComputeNPrime();

    /// <summary>R^2 mod n and R^3 mod n (R = 2^384): to enter Montgomery form and to fold 64-byte inputs.</summary>
    public static readonly ulong[] R2 = FromBig(BigInteger.ModPow(2, 768, Order));
    public static readonly ulong[] R3 = FromBig(BigInteger.ModPow(2, 1152, Order));
    public static readonly ulong[] One = [1, 0, 0, 0, 0, 0];

    private static ulong ComputeNPrime()
    {
        ulong inv = 1;                                  // Newton: inv = n0^{-1} mod 2^64
        for (var i = 0; i < 7; i++) inv *= 2 - (N[0] * inv);
        return 0 - inv;
    }

    public static ulong[] FromBig(BigInteger v)
    {
        var r = new ulong[Limbs];
        for (var i = 0; i < Limbs; i++) { r[i] = (ulong)(v & ulong.MaxValue); v >>= 64; }
        return r;
    }

    /// <summary>r = a·b·R^{-1} mod n, for a &lt; R and b &lt; n (so the pre-subtraction value is &lt; 2n).</summary>
    public static void MontMul(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r)
    {
        Span<ulong> t = stackalloc ulong[Limbs + 2];
        t.Clear();
        for (var i = 0; i < Limbs; i++)
        {
            ulong c = 0;
            UInt128 p;
            for (var j = 0; j < Limbs; j++)
            {
                p = ((UInt128)a[j] * b[i]) + t[j] + c;
                t[j] = (ulong)p;
                c = (ulong)(p >> 64);
            }
            var s = (UInt128)t[Limbs] + c;
            t[Limbs] = (ulong)s;
            t[Limbs + 1] = (ulong)(s >> 64);

            var m = t[0] * NPrime;
            p = ((UInt128)m * N[0]) + t[0];
            c = (ulong)(p >> 64);
            for (var j = 1; j < Limbs; j++)
            {
                p = ((UInt128)m * N[j]) + t[j] + c;
                t[j - 1] = (ulong)p;
                c = (ulong)(p >> 64);
            }
            s = (UInt128)t[Limbs] + c;
            t[Limbs - 1] = (ulong)s;
            t[Limbs] = t[Limbs + 1] + (ulong)(s >> 64);
        }
        ReduceOnce(t[..Limbs], t[Limbs], r);
        t.Clear();
    }

    /// <summary>r = (v + carry·2^384) − n if that is ≥ 0, else v. Requires v + carry·2^384 &lt; 2n.</summary>
    public static void ReduceOnce(ReadOnlySpan<ulong> v, ulong carry, Span<ulong> r)
    {
        Span<ulong> d = stackalloc ulong[Limbs];
        ulong borrow = 0;
        for (var j = 0; j < Limbs; j++)
        {
            var x = (UInt128)v[j] - N[j] - borrow;
            d[j] = (ulong)x;
            borrow = (ulong)(x >> 64) & 1;
        }
        // keep d when there was no borrow, or when the carry limb absorbs it
        var useD = 0 - ((borrow ^ 1) | (carry & 1));
        for (var j = 0; j < Limbs; j++) r[j] = (d[j] & useD) | (v[j] & ~useD);
    }

    public static void Add(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r)
    {
        Span<ulong> s = stackalloc ulong[Limbs];
        ulong c = 0;
        for (var j = 0; j < Limbs; j++)
        {
            var x = (UInt128)a[j] + b[j] + c;
            s[j] = (ulong)x;
            c = (ulong)(x >> 64);
        }
        ReduceOnce(s, c, r);
    }

    public static void Sub(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> r)
    {
        Span<ulong> d = stackalloc ulong[Limbs];
        ulong borrow = 0;
        for (var j = 0; j < Limbs; j++)
        {
            var x = (UInt128)a[j] - b[j] - borrow;
            d[j] = (ulong)x;
            borrow = (ulong)(x >> 64) & 1;
        }
        var mask = 0 - borrow;                          // add n back when a < b
        ulong c = 0;
        for (var j = 0; j < Limbs; j++)
        {
            var x = (UInt128)d[j] + (N[j] & mask) + c;
            r[j] = (ulong)x;
            c = (ulong)(x >> 64);
        }
    }

    /// <summary>Big-endian 48 bytes → limbs (no reduction).</summary>
    public static void Load(ReadOnlySpan<byte> be48, Span<ulong> r)
    {
        for (var j = 0; j < Limbs; j++)
            r[j] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(be48.Slice(40 - (8 * j), 8));
    }

    public static void Store(ReadOnlySpan<ulong> v, Span<byte> be48)
    {
        for (var j = 0; j < Limbs; j++)
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(be48.Slice(40 - (8 * j), 8), v[j]);
    }

    /// <summary>v &lt; n (variable time: used on public encodings only).</summary>
    public static bool LessThanN(ReadOnlySpan<ulong> v)
    {
        for (var j = Limbs - 1; j >= 0; j--)
        {
            if (v[j] < N[j]) return true;
            if (v[j] > N[j]) return false;
        }
        return false;
    }
}
