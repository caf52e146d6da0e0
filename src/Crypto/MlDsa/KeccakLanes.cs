using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The three lane operations of <see cref="Shake256x4"/>'s Keccak round, per instruction set: the
/// permutation is generic over a struct implementing this, so the JIT compiles one specialised copy
/// per set with the calls inlined.
/// </summary>
internal interface IKeccakLanes
{
    /// <summary>x rotated left by n (1 ≤ n ≤ 63) in each 64-bit lane.</summary>
    static abstract Vector256<ulong> Rol(Vector256<ulong> x, [ConstantExpected(Min = 1, Max = 63)] byte n);

    /// <summary>χ: a ^ (~b &amp; c).</summary>
    static abstract Vector256<ulong> Chi(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c);

    /// <summary>θ's column parity a ^ b ^ c ^ d ^ e.</summary>
    static abstract Vector256<ulong> Xor5(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c, Vector256<ulong> d, Vector256<ulong> e);
}

/// <summary>AVX2: a rotation is two shifts and an or; χ one and-not and a xor.</summary>
internal readonly struct Avx2Lanes : IKeccakLanes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Rol(Vector256<ulong> x, [ConstantExpected(Min = 1, Max = 63)] byte n) => (x << n) | (x >>> (64 - n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Chi(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) => a ^ Avx2.AndNot(b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Xor5(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c, Vector256<ulong> d, Vector256<ulong> e) => a ^ b ^ c ^ d ^ e;
}

/// <summary>AVX-512VL on 256-bit vectors: vprolq rotates, vpternlogq does χ and three-way xors in one instruction.</summary>
internal readonly struct Avx512Lanes : IKeccakLanes
{
    // vpternlogq truth tables over (a, b, c) = (0xF0, 0xCC, 0xAA): a ^ (~b & c) and a ^ b ^ c.
    private const byte ChiTable = 0xD2;
    private const byte Xor3Table = 0x96;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Rol(Vector256<ulong> x, [ConstantExpected(Min = 1, Max = 63)] byte n) => Avx512F.VL.RotateLeft(x, n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Chi(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) => Avx512F.VL.TernaryLogic(a, b, c, ChiTable);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Xor5(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c, Vector256<ulong> d, Vector256<ulong> e) =>
        Avx512F.VL.TernaryLogic(Avx512F.VL.TernaryLogic(a, b, c, Xor3Table), d, e, Xor3Table);
}
