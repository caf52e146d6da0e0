namespace CcTsa.Crypto.MlDsa;

/// <summary>FIPS 204 Power2Round (Algorithm 35), Decompose (36) and the hint rule of the threshold combiner.</summary>
internal static class Rounding
{
    /// <summary>t1 = ⌈t / 2^d⌋ high part of t ∈ [0, q).</summary>
    public static int Power2RoundHigh(int t) => (t + (1 << (MlDsa65.D - 1)) - 1) >> MlDsa65.D;

    /// <summary>r = r1·α + r0 with r0 ∈ (−γ2, γ2]; the corner r − r0 = q − 1 gives r1 = 0, r0 − 1.</summary>
    public static (int R1, int R0) Decompose(int r)
    {
        var r0 = r % MlDsa65.Alpha;
        if (r0 > MlDsa65.Gamma2) r0 -= MlDsa65.Alpha;
        if (r - r0 == MlDsa65.Q - 1) return (0, r0 - 1);
        return ((r - r0) / MlDsa65.Alpha, r0);
    }

    public static int HighBits(int r) => Decompose(r).R1;

    /// <summary>
    /// The hint bit for w′ = w + f given w's decomposition (r1, r0): 0 exactly when r0 + f stays a
    /// valid low part of r1 (the reference implementation's makeHint on (w0 + f, w1)), so that
    /// UseHint(h, w′) = r1 for ‖f‖∞ &lt; γ2.
    /// </summary>
    public static int MakeHint(int r0PlusF, int r1)
    {
        var z0 = Mod.Reduce(r0PlusF);
        if (z0 <= MlDsa65.Gamma2 || z0 > MlDsa65.Q - MlDsa65.Gamma2 || (z0 == MlDsa65.Q - MlDsa65.Gamma2 && r1 == 0)) return 0;
        return 1;
    }
}
