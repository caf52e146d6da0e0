using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The number-theoretic transform of FIPS 204 (Algorithms 41 and 42) over Z_q[X]/(X^256+1) with
/// ζ = 1753. Inputs and outputs are plain residues in [0, q), as FIPS 204 describes them; inside,
/// products use Montgomery reduction (R = 2^32) with constants stored pre-multiplied by R, because
/// a 64-bit remainder per butterfly made the transform ten times slower. With AVX2 the same
/// arithmetic runs eight lanes wide (<see cref="NttAvx2"/>, identical outputs); the scalar loops
/// below are the fallback and the reference the vector code is tested against.
/// </summary>
internal static class Ntt
{
    private const int Zeta = 1753;
    private const int QInv = 58728449;          // q⁻¹ mod 2^32
    private const int InvNMont = 16382;         // 256⁻¹ · R mod q: MulMont by it scales by 256⁻¹
    private const int R2 = 2365951;             // R² mod q: MulMont by it turns a·b·R⁻¹ into a·b

    // zetasMont[k] = ζ^BitRev8(k) · R mod q (FIPS 204 Appendix B, times R), computed once.
    private static readonly int[] ZetasMont = BuildZetas();

    public static void Forward(Span<int> w)
    {
        if (Avx2.IsSupported) NttAvx2.Forward(w);
        else ForwardScalar(w);
    }

    public static void Inverse(Span<int> w)
    {
        if (Avx2.IsSupported) NttAvx2.Inverse(w);
        else InverseScalar(w);
    }

    /// <summary>acc += a ∘ b (pointwise, NTT domain).</summary>
    public static void MultiplyAccumulate(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> acc)
    {
        if (Avx2.IsSupported) NttAvx2.Multiply(a, b, acc, accumulate: true);
        else MultiplyAccumulateScalar(a, b, acc);
    }

    /// <summary>dst = a ∘ b (pointwise, NTT domain).</summary>
    public static void Multiply(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> dst)
    {
        if (Avx2.IsSupported) NttAvx2.Multiply(a, b, dst, accumulate: false);
        else MultiplyScalar(a, b, dst);
    }

    /// <summary>ζ^BitRev8(k)·R mod q, the k-th twiddle factor in Montgomery form.</summary>
    internal static int ZetaMont(int k) => ZetasMont[k];

    internal static void ForwardScalar(Span<int> w)
    {
        var m = 0;
        for (var len = 128; len >= 1; len >>= 1)
        {
            for (var start = 0; start < MlDsa65.N; start += 2 * len)
            {
                var z = ZetasMont[++m];
                for (var j = start; j < start + len; j++)
                {
                    var t = MulMont(z, w[j + len]);
                    w[j + len] = Mod.Sub(w[j], t);
                    w[j] = Mod.Add(w[j], t);
                }
            }
        }
    }

    internal static void InverseScalar(Span<int> w)
    {
        var m = MlDsa65.N;
        for (var len = 1; len < MlDsa65.N; len <<= 1)
        {
            for (var start = 0; start < MlDsa65.N; start += 2 * len)
            {
                var z = MlDsa65.Q - ZetasMont[--m];
                for (var j = start; j < start + len; j++)
                {
                    var t = w[j];
                    w[j] = Mod.Add(t, w[j + len]);
                    w[j + len] = MulMont(z, Mod.Sub(t, w[j + len]));
                }
            }
        }
        for (var j = 0; j < MlDsa65.N; j++) w[j] = MulMont(InvNMont, w[j]);
    }

    internal static void MultiplyAccumulateScalar(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> acc)
    {
        for (var j = 0; j < MlDsa65.N; j++) acc[j] = Mod.Add(acc[j], MulMont(R2, MulMont(a[j], b[j])));
    }

    internal static void MultiplyScalar(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> dst)
    {
        for (var j = 0; j < MlDsa65.N; j++) dst[j] = MulMont(R2, MulMont(a[j], b[j]));
    }

    /// <summary>a·b·R⁻¹ mod q in [0, q) for a, b in [0, q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MulMont(int a, int b)
    {
        var p = (long)a * b;
        var t = (int)p * QInv;
        var r = (int)((p - (long)t * MlDsa65.Q) >> 32);
        return r + ((r >> 31) & MlDsa65.Q);
    }

    private static int[] BuildZetas()
    {
        var zetas = new int[MlDsa65.N];
        for (var k = 0; k < MlDsa65.N; k++)
        {
            var e = 0;
            for (var b = 0; b < 8; b++) e |= ((k >> b) & 1) << (7 - b);
            long acc = 1;
            for (var i = 0; i < e; i++) acc = acc * Zeta % MlDsa65.Q;
            zetas[k] = (int)((acc << 32) % MlDsa65.Q);
        }
        return zetas;
    }
}
