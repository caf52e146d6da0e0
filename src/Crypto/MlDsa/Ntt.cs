namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The number-theoretic transform of FIPS 204 (Algorithms 41 and 42) over Z_q[X]/(X^256+1) with
/// ζ = 1753. Coefficients are kept in [0, q); products use 64-bit remainders (no Montgomery form)
/// so that every value this folder handles is the plain residue FIPS 204 describes.
/// </summary>
internal static class Ntt
{
    private const int Zeta = 1753;
    private const long InvN = 8347681; // 256⁻¹ mod q

    // zetas[k] = ζ^BitRev8(k) mod q, FIPS 204 Appendix B, computed once instead of pasted.
    private static readonly int[] Zetas = BuildZetas();

    public static void Forward(Span<int> w)
    {
        var m = 0;
        for (var len = 128; len >= 1; len >>= 1)
        {
            for (var start = 0; start < MlDsa65.N; start += 2 * len)
            {
                long z = Zetas[++m];
                for (var j = start; j < start + len; j++)
                {
                    var t = (int)(z * w[j + len] % MlDsa65.Q);
                    w[j + len] = Mod.Sub(w[j], t);
                    w[j] = Mod.Add(w[j], t);
                }
            }
        }
    }

    public static void Inverse(Span<int> w)
    {
        var m = MlDsa65.N;
        for (var len = 1; len < MlDsa65.N; len <<= 1)
        {
            for (var start = 0; start < MlDsa65.N; start += 2 * len)
            {
                long z = MlDsa65.Q - Zetas[--m];
                for (var j = start; j < start + len; j++)
                {
                    var t = w[j];
                    w[j] = Mod.Add(t, w[j + len]);
                    w[j + len] = (int)(z * Mod.Sub(t, w[j + len]) % MlDsa65.Q);
                }
            }
        }
        for (var j = 0; j < MlDsa65.N; j++) w[j] = (int)(InvN * w[j] % MlDsa65.Q);
    }

    /// <summary>acc += a ∘ b (pointwise, NTT domain).</summary>
    public static void MultiplyAccumulate(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> acc)
    {
        for (var j = 0; j < MlDsa65.N; j++)
            acc[j] = (int)((acc[j] + (long)a[j] * b[j]) % MlDsa65.Q);
    }

    /// <summary>dst = a ∘ b (pointwise, NTT domain).</summary>
    public static void Multiply(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> dst)
    {
        for (var j = 0; j < MlDsa65.N; j++) dst[j] = (int)((long)a[j] * b[j] % MlDsa65.Q);
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
            zetas[k] = (int)acc;
        }
        return zetas;
    }
}
