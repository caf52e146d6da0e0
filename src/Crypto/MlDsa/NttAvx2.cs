using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// <see cref="Ntt"/> eight coefficients at a time with AVX2, bit for bit the scalar transform: the
/// same Montgomery reduction (vpmuldq on even and odd lanes), the same butterflies and zeta order,
/// and conditional corrections by masks instead of branches. Layers with len ≥ 8 pair whole
/// vectors; the last three (len 4, 2, 1) first regroup two vectors so that each lane meets its
/// partner, with a per-lane zeta table. Callers check <see cref="Avx2.IsSupported"/>.
/// </summary>
internal static class NttAvx2
{
    private const int N = MlDsa65.N;
    private const int Q = MlDsa65.Q;
    private const int QInv = 58728449;
    private const int InvNMont = 16382;
    private const int R2 = 2365951;

    // Per small layer (len 4, 2, 1) and 16-coefficient block: the 8 lanes' zetas (and z·q⁻¹ mod 2^32).
    private static readonly int[][] FwdZ = [Lanes(4, true, false), Lanes(2, true, false), Lanes(1, true, false)];
    private static readonly int[][] FwdZq = [Lanes(4, true, true), Lanes(2, true, true), Lanes(1, true, true)];
    private static readonly int[][] InvZ = [Lanes(4, false, false), Lanes(2, false, false), Lanes(1, false, false)];
    private static readonly int[][] InvZq = [Lanes(4, false, true), Lanes(2, false, true), Lanes(1, false, true)];

    public static void Forward(Span<int> w)
    {
        ref var r = ref MemoryMarshal.GetReference(w[..N]);
        for (var len = 128; len >= 8; len >>= 1)
            for (var start = 0; start < N; start += 2 * len)
            {
                var z = Ntt.ZetaMont(N / (2 * len) + start / (2 * len));
                var zv = Vector256.Create(z);
                var zq = Vector256.Create(z * QInv);
                for (var j = start; j < start + len; j += 8)
                {
                    var a = Load(ref r, j);
                    var t = MulMont(Load(ref r, j + len), zv, zq);
                    Store(ref r, j + len, Sub(a, t));
                    Store(ref r, j, Add(a, t));
                }
            }
        for (var b = 0; b < N / 16; b++)
        {
            var v0 = Load(ref r, 16 * b);
            var v1 = Load(ref r, 16 * b + 8);
            for (var layer = 0; layer < 3; layer++)
            {
                var (lo, hi) = Split(v0, v1, layer);
                var t = MulMont(hi, Load(FwdZ[layer], 8 * b), Load(FwdZq[layer], 8 * b));
                (v0, v1) = Join(Add(lo, t), Sub(lo, t), layer);
            }
            Store(ref r, 16 * b, v0);
            Store(ref r, 16 * b + 8, v1);
        }
    }

    public static void Inverse(Span<int> w)
    {
        ref var r = ref MemoryMarshal.GetReference(w[..N]);
        for (var b = 0; b < N / 16; b++)
        {
            var v0 = Load(ref r, 16 * b);
            var v1 = Load(ref r, 16 * b + 8);
            for (var layer = 2; layer >= 0; layer--)
            {
                var (lo, hi) = Split(v0, v1, layer);
                var d = MulMont(Sub(lo, hi), Load(InvZ[layer], 8 * b), Load(InvZq[layer], 8 * b));
                (v0, v1) = Join(Add(lo, hi), d, layer);
            }
            Store(ref r, 16 * b, v0);
            Store(ref r, 16 * b + 8, v1);
        }
        for (var len = 8; len < N; len <<= 1)
            for (var start = 0; start < N; start += 2 * len)
            {
                var z = Q - Ntt.ZetaMont(N / len - 1 - start / (2 * len));
                var zv = Vector256.Create(z);
                var zq = Vector256.Create(z * QInv);
                for (var j = start; j < start + len; j += 8)
                {
                    var a = Load(ref r, j);
                    var c = Load(ref r, j + len);
                    Store(ref r, j, Add(a, c));
                    Store(ref r, j + len, MulMont(Sub(a, c), zv, zq));
                }
            }
        var f = Vector256.Create(InvNMont);
        var fq = Vector256.Create(unchecked(InvNMont * QInv));
        for (var j = 0; j < N; j += 8) Store(ref r, j, MulMont(Load(ref r, j), f, fq));
    }

    /// <summary>dst = a ∘ b, or acc += a ∘ b when <paramref name="accumulate"/>.</summary>
    public static void Multiply(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> dst, bool accumulate)
    {
        ref var ra = ref MemoryMarshal.GetReference(a[..N]);
        ref var rb = ref MemoryMarshal.GetReference(b[..N]);
        ref var rd = ref MemoryMarshal.GetReference(dst[..N]);
        var r2 = Vector256.Create(R2);
        var r2q = Vector256.Create(unchecked(R2 * QInv));
        var qinv = Vector256.Create(QInv);
        for (var j = 0; j < N; j += 8)
        {
            var vb = Load(ref rb, j);
            var p = MulMont(MulMont(Load(ref ra, j), vb, Avx2.MultiplyLow(vb, qinv)), r2, r2q);
            Store(ref rd, j, accumulate ? Add(Load(ref rd, j), p) : p);
        }
    }

    /// <summary>Lane-wise a·b·R⁻¹ mod q in [0, q), bq = b·q⁻¹ mod 2^32: the scalar MulMont's arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> MulMont(Vector256<int> a, Vector256<int> b, Vector256<int> bq)
    {
        var q = Vector256.Create(Q);
        var even = Avx2.Subtract(Avx2.Multiply(a, b), Avx2.Multiply(Avx2.Multiply(a, bq).AsInt32(), q));
        var aOdd = Avx2.ShiftRightLogical(a.AsInt64(), 32).AsInt32();
        var bOdd = Avx2.ShiftRightLogical(b.AsInt64(), 32).AsInt32();
        var bqOdd = Avx2.ShiftRightLogical(bq.AsInt64(), 32).AsInt32();
        var odd = Avx2.Subtract(Avx2.Multiply(aOdd, bOdd), Avx2.Multiply(Avx2.Multiply(aOdd, bqOdd).AsInt32(), q));
        var r = Avx2.Blend(Avx2.ShiftRightLogical(even, 32).AsInt32(), odd.AsInt32(), 0b1010_1010);
        return Avx2.Add(r, Avx2.And(Avx2.ShiftRightArithmetic(r, 31), q));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Add(Vector256<int> a, Vector256<int> b)
    {
        var q = Vector256.Create(Q);
        var s = Avx2.Subtract(Avx2.Add(a, b), q);
        return Avx2.Add(s, Avx2.And(Avx2.ShiftRightArithmetic(s, 31), q));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Sub(Vector256<int> a, Vector256<int> b)
    {
        var s = Avx2.Subtract(a, b);
        return Avx2.Add(s, Avx2.And(Avx2.ShiftRightArithmetic(s, 31), Vector256.Create(Q)));
    }

    /// <summary>
    /// Regroups coefficients 16b..16b+15 so lane i of lo and of hi are butterfly partners: layer 0
    /// (len 4) swaps 128-bit halves, layer 1 (len 2) interleaves 64-bit pairs, layer 2 (len 1) also
    /// reorders within 128 bits. <see cref="Join"/> undoes it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<int> Lo, Vector256<int> Hi) Split(Vector256<int> v0, Vector256<int> v1, int layer)
    {
        switch (layer)
        {
            case 0:
                return (Avx2.Permute2x128(v0, v1, 0x20), Avx2.Permute2x128(v0, v1, 0x31));
            case 1:
                return (Avx2.UnpackLow(v0.AsInt64(), v1.AsInt64()).AsInt32(), Avx2.UnpackHigh(v0.AsInt64(), v1.AsInt64()).AsInt32());
            default:
                var s0 = Avx2.Shuffle(v0, 0b11_01_10_00).AsInt64();
                var s1 = Avx2.Shuffle(v1, 0b11_01_10_00).AsInt64();
                return (Avx2.UnpackLow(s0, s1).AsInt32(), Avx2.UnpackHigh(s0, s1).AsInt32());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<int> V0, Vector256<int> V1) Join(Vector256<int> lo, Vector256<int> hi, int layer) => layer switch
    {
        0 => (Avx2.Permute2x128(lo, hi, 0x20), Avx2.Permute2x128(lo, hi, 0x31)),
        1 => (Avx2.UnpackLow(lo.AsInt64(), hi.AsInt64()).AsInt32(), Avx2.UnpackHigh(lo.AsInt64(), hi.AsInt64()).AsInt32()),
        _ => (Avx2.UnpackLow(lo, hi), Avx2.UnpackHigh(lo, hi)),
    };

    /// <summary>The coefficient index that lane i of <see cref="Split"/>'s lo holds, for block 0.</summary>
    private static int LoIndex(int layer, int lane) => layer switch
    {
        0 => lane < 4 ? lane : lane + 4,                         // 0..3, 8..11
        1 => new[] { 0, 1, 8, 9, 4, 5, 12, 13 }[lane],
        _ => new[] { 0, 2, 8, 10, 4, 6, 12, 14 }[lane],
    };

    /// <summary>Zeta (forward: ζ-index N/2len + e/2len; inverse: q − ζ at N/len − 1 − e/2len) per lane and block, or its z·q⁻¹.</summary>
    private static int[] Lanes(int len, bool forward, bool timesQInv)
    {
        var layer = len == 4 ? 0 : len == 2 ? 1 : 2;
        var table = new int[N / 16 * 8];
        for (var b = 0; b < N / 16; b++)
            for (var lane = 0; lane < 8; lane++)
            {
                var e = 16 * b + LoIndex(layer, lane);
                var z = forward ? Ntt.ZetaMont(N / (2 * len) + e / (2 * len)) : Q - Ntt.ZetaMont(N / len - 1 - e / (2 * len));
                table[8 * b + lane] = timesQInv ? z * QInv : z;
            }
        return table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(ref int r, int i) => Vector256.LoadUnsafe(ref r, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Load(int[] table, int i) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(table), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref int r, int i, Vector256<int> v) => v.StoreUnsafe(ref r, (nuint)i);
}
