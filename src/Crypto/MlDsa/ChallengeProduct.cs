using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// c·s for a challenge c = SampleInBall(c̃) (τ = 49 coefficients ±1, the rest 0) and a vector s of
/// small centred polynomials, as exact integers: the sum over c's non-zero positions k of ±X^k·s,
/// negacyclically. Round 3 needs c·s_i once per slot; through the NTT that was one forward and 11
/// inverse transforms per slot, most of Round 3. The branches and offsets depend only on c, which
/// is public (it is hashed from the public w and μ); s enters only through adds of whole spans.
/// Exact while τ·max|s| &lt; q/2 (partial secrets: |s| ≤ 4·η = 16, so |c·s| ≤ 784).
/// </summary>
internal static class ChallengeProduct
{
    /// <summary>dst (polys × N, centred) = c·s for c given as residues (0, 1, q − 1) and s centred.</summary>
    public static void Multiply(ReadOnlySpan<int> c, ReadOnlySpan<int> s, Span<int> dst)
    {
        if (c.Length != MlDsa65.N) throw new ArgumentException($"A challenge is {MlDsa65.N} coefficients, not {c.Length}.", nameof(c));
        if (s.Length % MlDsa65.N != 0 || dst.Length != s.Length)
            throw new ArgumentException($"s ({s.Length}) and dst ({dst.Length}) must be the same whole number of polynomials.", nameof(dst));
        dst.Clear();
        for (var k = 0; k < MlDsa65.N; k++)
        {
            if (c[k] == 0) continue;
            var negative = c[k] != 1;
            for (var p = 0; p < s.Length; p += MlDsa65.N)
            {
                var src = s.Slice(p, MlDsa65.N);
                var acc = dst.Slice(p, MlDsa65.N);
                // X^k·s: coefficient m ≥ k gets s[m − k]; m < k wraps round and changes sign.
                Accumulate(acc[k..], src[..(MlDsa65.N - k)], negative);
                Accumulate(acc[..k], src[(MlDsa65.N - k)..], !negative);
            }
        }
    }

    /// <summary>acc ±= src, element by element (8 lanes at a time where the hardware has them).</summary>
    private static void Accumulate(Span<int> acc, ReadOnlySpan<int> src, bool subtract)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var a = ref MemoryMarshal.GetReference(acc);
            ref var b = ref MemoryMarshal.GetReference(src);
            for (; i + Vector256<int>.Count <= acc.Length; i += Vector256<int>.Count)
            {
                var va = Vector256.LoadUnsafe(ref a, (nuint)i);
                var vb = Vector256.LoadUnsafe(ref b, (nuint)i);
                (subtract ? va - vb : va + vb).StoreUnsafe(ref a, (nuint)i);
            }
        }
        for (; i < acc.Length; i++) acc[i] = subtract ? acc[i] - src[i] : acc[i] + src[i];
    }
}
