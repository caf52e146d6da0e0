using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CcTsa.Crypto.Dkls23;

/// <summary>
/// GF(2^128) = GF(2)[x]/(x^128 + x^7 + x^2 + x + 1), plain (non-reflected) bit order: bit i of the
/// UInt128 is the coefficient of x^i. Used only by the OT-extension consistency check. Both
/// multipliers are constant time: PCLMULQDQ where the CPU has it, else a branch-free
/// shift-and-add (the operand <c>a</c> may be secret; <c>b</c> is the public challenge χ).
/// </summary>
internal static class Gf128
{
    public static UInt128 Mul(UInt128 a, UInt128 b) => Pclmulqdq.IsSupported ? MulClmul(a, b) : MulSoftware(a, b);

    internal static UInt128 MulSoftware(UInt128 a, UInt128 b)
    {
        UInt128 r = 0;
        for (var i = 127; i >= 0; i--)
        {
            var carry = (UInt128)0 - (r >> 127);          // all-ones iff the top bit is set
            r = (r << 1) ^ (carry & 0x87);
            var bit = (UInt128)0 - ((b >> i) & 1);
            r ^= a & bit;
        }
        return r;
    }

    /// <summary>Karatsuba-free schoolbook with four carry-less products, then two folds by x^128 ≡ x^7+x^2+x+1.</summary>
    internal static UInt128 MulClmul(UInt128 a, UInt128 b)
    {
        var va = Vector128.Create((ulong)a, (ulong)(a >> 64));
        var vb = Vector128.Create((ulong)b, (ulong)(b >> 64));
        var lo = Pclmulqdq.CarrylessMultiply(va, vb, 0x00);
        var hi = Pclmulqdq.CarrylessMultiply(va, vb, 0x11);
        var mid = Pclmulqdq.CarrylessMultiply(va, vb, 0x01) ^ Pclmulqdq.CarrylessMultiply(va, vb, 0x10);
        // 256-bit product p3:p2:p1:p0
        var p0 = lo.GetElement(0);
        var p1 = lo.GetElement(1) ^ mid.GetElement(0);
        var p2 = hi.GetElement(0) ^ mid.GetElement(1);
        var p3 = hi.GetElement(1);
        var poly = Vector128.Create(0x87UL, 0UL);
        // fold p3 (weight x^192) and p2 (weight x^128): p_k·x^(64k) = p_k·x^(64(k−2))·(x^7+x^2+x+1)
        var f3 = Pclmulqdq.CarrylessMultiply(Vector128.Create(p3, 0UL), poly, 0x00);   // lands at x^64.. (+ ≤7 bits above x^128)
        p1 ^= f3.GetElement(0);
        p2 ^= f3.GetElement(1);                                                          // overflow bits, weight x^128
        var f2 = Pclmulqdq.CarrylessMultiply(Vector128.Create(p2, 0UL), poly, 0x00);
        p0 ^= f2.GetElement(0);
        p1 ^= f2.GetElement(1);
        return ((UInt128)p1 << 64) | p0;
    }

    public static UInt128 Read(ReadOnlySpan<byte> sixteen) => System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(sixteen);

    public static void Write(Span<byte> sixteen, UInt128 v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(sixteen, v);
}
