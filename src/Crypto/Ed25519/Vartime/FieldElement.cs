using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CcTsa.Crypto.Ed25519.Vartime;

/// <summary>
/// An element of GF(2^255 − 19) in five 51-bit limbs (128-bit products as ulong pairs), for the
/// variable-time arithmetic on PUBLIC points only (<see cref="EdwardsPoint"/>): nothing here is
/// constant time — secrets stay with libsodium. Limbs stay below 2^52 between operations
/// (every result is weakly reduced), which keeps the products of <see cref="Mul"/> in range.
/// The loops are compiled fully optimised at once (AggressiveOptimization): tier-0 code of this
/// arithmetic measured about three times slower for the first batches after start.
/// </summary>
internal readonly struct FieldElement
{
    private const ulong Mask = (1UL << 51) - 1;

    private readonly ulong _0, _1, _2, _3, _4;

    private FieldElement(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        _0 = l0; _1 = l1; _2 = l2; _3 = l3; _4 = l4;
    }

    public static FieldElement Zero => default;

    public static FieldElement One => new(1, 0, 0, 0, 0);

    /// <summary>The low 255 bits of a little-endian encoding (bit 255, the sign of x, is ignored; not checked to be &lt; p).</summary>
    public static FieldElement FromBytes(ReadOnlySpan<byte> s)
    {
        var w0 = BinaryPrimitives.ReadUInt64LittleEndian(s);
        var w1 = BinaryPrimitives.ReadUInt64LittleEndian(s[8..]);
        var w2 = BinaryPrimitives.ReadUInt64LittleEndian(s[16..]);
        var w3 = BinaryPrimitives.ReadUInt64LittleEndian(s[24..]);
        return new(w0 & Mask, ((w0 >> 51) | (w1 << 13)) & Mask, ((w1 >> 38) | (w2 << 26)) & Mask, ((w2 >> 25) | (w3 << 39)) & Mask, (w3 >> 12) & Mask);
    }

    /// <summary>The canonical (fully reduced, &lt; p) 32-byte little-endian encoding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ToBytes(Span<byte> s)
    {
        var r = Reduce(_0, _1, _2, _3, _4);
        ulong l0 = r._0, l1 = r._1, l2 = r._2, l3 = r._3, l4 = r._4;
        // q = 1 exactly when the value is ≥ p: adding 19 then carries out of bit 255
        var q = (l0 + 19) >> 51;
        q = (l1 + q) >> 51;
        q = (l2 + q) >> 51;
        q = (l3 + q) >> 51;
        q = (l4 + q) >> 51;
        l0 += 19 * q;
        l1 += l0 >> 51; l0 &= Mask;
        l2 += l1 >> 51; l1 &= Mask;
        l3 += l2 >> 51; l2 &= Mask;
        l4 += l3 >> 51; l3 &= Mask;
        l4 &= Mask;
        BinaryPrimitives.WriteUInt64LittleEndian(s, l0 | (l1 << 51));
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], (l1 >> 13) | (l2 << 38));
        BinaryPrimitives.WriteUInt64LittleEndian(s[16..], (l2 >> 26) | (l3 << 25));
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], (l3 >> 39) | (l4 << 12));
    }

    public bool IsZero
    {
        get
        {
            Span<byte> b = stackalloc byte[32];
            ToBytes(b);
            return b.IndexOfAnyExcept((byte)0) < 0;
        }
    }

    /// <summary>RFC 8032's sign: the low bit of the canonical encoding.</summary>
    public bool IsNegative
    {
        get
        {
            Span<byte> b = stackalloc byte[32];
            ToBytes(b);
            return (b[0] & 1) == 1;
        }
    }

    public bool Equals(in FieldElement other) => Sub(this, other).IsZero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Add(in FieldElement a, in FieldElement b) =>
        Reduce(a._0 + b._0, a._1 + b._1, a._2 + b._2, a._3 + b._3, a._4 + b._4);

    /// <summary>a − b as a + 16p − b, so no limb underflows (limbs of b are below 2^52 &lt; 16p's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Sub(in FieldElement a, in FieldElement b) =>
        Reduce(a._0 + 36028797018963664UL - b._0, a._1 + 36028797018963952UL - b._1, a._2 + 36028797018963952UL - b._2,
            a._3 + 36028797018963952UL - b._3, a._4 + 36028797018963952UL - b._4);

    public static FieldElement Negate(in FieldElement a) => Sub(Zero, a);

    // 128-bit column sums as (hi, lo) ulong pairs, five independent chains the CPU can overlap
    // (UInt128's operators measured slower here; a carry chained column by column, slower still)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Mul(in FieldElement a, in FieldElement b)
    {
        ulong a0 = a._0, a1 = a._1, a2 = a._2, a3 = a._3, a4 = a._4;
        ulong b0 = b._0, b1 = b._1, b2 = b._2, b3 = b._3, b4 = b._4;
        ulong b1x19 = b1 * 19, b2x19 = b2 * 19, b3x19 = b3 * 19, b4x19 = b4 * 19;
        ulong h0 = 0, l0 = 0, h1 = 0, l1 = 0, h2 = 0, l2 = 0, h3 = 0, l3 = 0, h4 = 0, l4 = 0;
        Mac(ref h0, ref l0, a0, b0); Mac(ref h0, ref l0, a4, b1x19); Mac(ref h0, ref l0, a3, b2x19); Mac(ref h0, ref l0, a2, b3x19); Mac(ref h0, ref l0, a1, b4x19);
        Mac(ref h1, ref l1, a1, b0); Mac(ref h1, ref l1, a0, b1); Mac(ref h1, ref l1, a4, b2x19); Mac(ref h1, ref l1, a3, b3x19); Mac(ref h1, ref l1, a2, b4x19);
        Mac(ref h2, ref l2, a2, b0); Mac(ref h2, ref l2, a1, b1); Mac(ref h2, ref l2, a0, b2); Mac(ref h2, ref l2, a4, b3x19); Mac(ref h2, ref l2, a3, b4x19);
        Mac(ref h3, ref l3, a3, b0); Mac(ref h3, ref l3, a2, b1); Mac(ref h3, ref l3, a1, b2); Mac(ref h3, ref l3, a0, b3); Mac(ref h3, ref l3, a4, b4x19);
        Mac(ref h4, ref l4, a4, b0); Mac(ref h4, ref l4, a3, b1); Mac(ref h4, ref l4, a2, b2); Mac(ref h4, ref l4, a1, b3); Mac(ref h4, ref l4, a0, b4);
        return Carry(h0, l0, h1, l1, h2, l2, h3, l3, h4, l4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Square(in FieldElement a)
    {
        ulong a0 = a._0, a1 = a._1, a2 = a._2, a3 = a._3, a4 = a._4;
        ulong d0 = a0 * 2, d1 = a1 * 2, d2 = a2 * 2, d3 = a3 * 2, a3x19 = a3 * 19, a4x19 = a4 * 19;
        ulong h0 = 0, l0 = 0, h1 = 0, l1 = 0, h2 = 0, l2 = 0, h3 = 0, l3 = 0, h4 = 0, l4 = 0;
        Mac(ref h0, ref l0, a0, a0); Mac(ref h0, ref l0, d1, a4x19); Mac(ref h0, ref l0, d2, a3x19);
        Mac(ref h1, ref l1, d0, a1); Mac(ref h1, ref l1, d2, a4x19); Mac(ref h1, ref l1, a3, a3x19);
        Mac(ref h2, ref l2, d0, a2); Mac(ref h2, ref l2, a1, a1); Mac(ref h2, ref l2, d3, a4x19);
        Mac(ref h3, ref l3, d0, a3); Mac(ref h3, ref l3, d1, a2); Mac(ref h3, ref l3, a4, a4x19);
        Mac(ref h4, ref l4, d0, a4); Mac(ref h4, ref l4, d1, a3); Mac(ref h4, ref l4, a2, a2);
        return Carry(h0, l0, h1, l1, h2, l2, h3, l3, h4, l4);
    }

    /// <summary>a^(2^n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FieldElement SquareTimes(in FieldElement a, int n)
    {
        var r = Square(a);
        for (var i = 1; i < n; i++) r = Square(r);
        return r;
    }

    /// <summary>a^(p−2) = 1/a (0 for 0).</summary>
    public static FieldElement Invert(in FieldElement a)
    {
        var (t250, t11) = Pow2250Minus1(a);
        return Mul(SquareTimes(t250, 5), t11);
    }

    /// <summary>a^((p−5)/8), the exponentiation of the square root in decoding (RFC 8032 §5.1.3).</summary>
    public static FieldElement Pow22523(in FieldElement a)
    {
        var (t250, _) = Pow2250Minus1(a);
        return Mul(SquareTimes(t250, 2), a);
    }

    // the shared addition chain: (a^(2^250 − 1), a^11)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (FieldElement, FieldElement) Pow2250Minus1(in FieldElement z)
    {
        var t0 = Square(z);                       // 2
        var t1 = Mul(z, SquareTimes(t0, 2));      // 9
        var z11 = Mul(t0, t1);                    // 11
        var t2 = Square(z11);                     // 22
        t1 = Mul(t1, t2);                         // 2^5 − 1
        t1 = Mul(SquareTimes(t1, 5), t1);         // 2^10 − 1
        t2 = Mul(SquareTimes(t1, 10), t1);        // 2^20 − 1
        t2 = Mul(SquareTimes(t2, 20), t2);        // 2^40 − 1
        t1 = Mul(SquareTimes(t2, 10), t1);        // 2^50 − 1
        t2 = Mul(SquareTimes(t1, 50), t1);        // 2^100 − 1
        t2 = Mul(SquareTimes(t2, 100), t2);       // 2^200 − 1
        t1 = Mul(SquareTimes(t2, 50), t1);        // 2^250 − 1
        return (t1, z11);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mac(ref ulong hi, ref ulong lo, ulong x, ulong y)
    {
        var product = Math.BigMul(x, y);
        var l = (ulong)product;
        var h = (ulong)(product >> 64);
        lo += l;
        hi += h + (lo < l ? 1UL : 0UL);
    }

    // propagates each 128-bit column's bits above 51 into the next; the top column's wrap × 19 into the first
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement Carry(ulong h0, ulong l0, ulong h1, ulong l1, ulong h2, ulong l2, ulong h3, ulong l3, ulong h4, ulong l4)
    {
        AddCarry(ref h1, ref l1, (l0 >> 51) | (h0 << 13));
        AddCarry(ref h2, ref l2, (l1 >> 51) | (h1 << 13));
        AddCarry(ref h3, ref l3, (l2 >> 51) | (h2 << 13));
        AddCarry(ref h4, ref l4, (l3 >> 51) | (h3 << 13));
        var r0 = (l0 & Mask) + (((l4 >> 51) | (h4 << 13)) * 19);
        var r1 = (l1 & Mask) + (r0 >> 51);
        return new(r0 & Mask, r1, l2 & Mask, l3 & Mask, l4 & Mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCarry(ref ulong hi, ref ulong lo, ulong carry)
    {
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement Reduce(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        var c0 = l0 >> 51;
        var c1 = l1 >> 51;
        var c2 = l2 >> 51;
        var c3 = l3 >> 51;
        var c4 = l4 >> 51;
        return new((l0 & Mask) + (c4 * 19), (l1 & Mask) + c0, (l2 & Mask) + c1, (l3 & Mask) + c2, (l4 & Mask) + c3);
    }

    public override string ToString() => "FieldElement";
}
