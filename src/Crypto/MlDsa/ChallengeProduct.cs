using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// c·s for a challenge c = SampleInBall(c̃) (τ = 49 coefficients ±1, the rest 0) and a vector s of
/// small centred polynomials, as exact integers: the sum over c's non-zero positions k of ±X^k·s,
/// negacyclically. Round 3 needs c·s_i once per slot; through the NTT that was one forward and 11
/// inverse transforms per slot, most of Round 3. The branches and offsets depend only on c, which
/// is public (it is hashed from the public w and μ); s enters only through adds of whole spans.
/// Values are 16-bit (sixteen per vector): exact while τ·max|s| ≤ 32,767, i.e. |s| ≤
/// <see cref="MaxAbs"/> (partial secrets: |s| ≤ 4·η = 16, so |c·s| ≤ 784).
/// </summary>
internal static class ChallengeProduct
{
    /// <summary>The largest |s| coefficient for which the 16-bit sums stay exact.</summary>
    public const int MaxAbs = short.MaxValue / MlDsa65.Tau;

    private const int N = MlDsa65.N;

    /// <summary>
    /// ext (2N per polynomial) = −s ‖ s for each polynomial of s (centred): X^k·s is then the one
    /// contiguous span ext[N − k .. 2N − k) (coefficient i &lt; k wraps round with its sign changed),
    /// so each term of the product is one loop without split or scalar tail. Computed once per Round 3.
    /// </summary>
    public static void Extend(ReadOnlySpan<int> s, Span<short> ext)
    {
        if (s.Length % N != 0 || ext.Length != 2 * s.Length)
            throw new ArgumentException($"ext ({ext.Length}) must hold twice the whole polynomials of s ({s.Length}).", nameof(ext));
        for (var p = 0; p < s.Length / N; p++)
        {
            for (var i = 0; i < N; i++)
            {
                var v = s[p * N + i];
                // An internal fault (a share outside its bound), not input: the product would wrap.
                if (v is < -MaxAbs or > MaxAbs) throw new InvalidOperationException($"c·s needs |s| ≤ {MaxAbs}; polynomial {p} holds a larger coefficient.");
                ext[2 * p * N + i] = (short)-v;
                ext[2 * p * N + N + i] = (short)v;
            }
        }
    }

    /// <summary>dst (polys × N, centred) = c·s for c given as residues (0, 1, q − 1) and s as <see cref="Extend"/> laid it out.</summary>
    public static void Multiply(ReadOnlySpan<int> c, ReadOnlySpan<short> ext, Span<short> dst)
    {
        if (c.Length != N) throw new ArgumentException($"A challenge is {N} coefficients, not {c.Length}.", nameof(c));
        if (dst.Length % N != 0 || ext.Length != 2 * dst.Length)
            throw new ArgumentException($"ext ({ext.Length}) must be twice dst ({dst.Length}), a whole number of polynomials.", nameof(dst));
        dst.Clear();
        for (var k = 0; k < N; k++)
        {
            if (c[k] == 0) continue;
            var negative = c[k] != 1;
            for (var p = 0; p < dst.Length; p += N)
            {
                var term = ext.Slice(2 * p + N - k, N);
                var acc = dst.Slice(p, N);
                if (negative) Subtract(acc, term); else Add(acc, term);
            }
        }
    }

    private static void Add(Span<short> acc, ReadOnlySpan<short> src)
    {
        var i = 0;
        ref var a = ref MemoryMarshal.GetReference(acc);
        ref var b = ref MemoryMarshal.GetReference(src);
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<short>.Count <= acc.Length; i += Vector256<short>.Count)
                (Vector256.LoadUnsafe(ref a, (nuint)i) + Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref a, (nuint)i);
        for (; i < acc.Length; i++) acc[i] += src[i];
    }

    private static void Subtract(Span<short> acc, ReadOnlySpan<short> src)
    {
        var i = 0;
        ref var a = ref MemoryMarshal.GetReference(acc);
        ref var b = ref MemoryMarshal.GetReference(src);
        if (Vector256.IsHardwareAccelerated)
            for (; i + Vector256<short>.Count <= acc.Length; i += Vector256<short>.Count)
                (Vector256.LoadUnsafe(ref a, (nuint)i) - Vector256.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref a, (nuint)i);
        for (; i < acc.Length; i++) acc[i] -= src[i];
    }
}
