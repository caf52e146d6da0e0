namespace CcTsa.Crypto.MlDsa;

/// <summary>t = A·s1 + s2 and pk = ρ ‖ Power2Round(t).t1 (FIPS 204 Algorithm 6 lines 5–8); t0 is dropped, nothing needs it.</summary>
internal static class PublicKeyDerivation
{
    /// <summary>Fills t (K polys) from Â and s = s1 ‖ s2 (residues, plain domain).</summary>
    public static void ComputeT(int[][] a, ReadOnlySpan<int> s1s2, int[][] t)
    {
        var s1Hat = new int[MlDsa65.L][];
        try
        {
            for (var j = 0; j < MlDsa65.L; j++)
            {
                s1Hat[j] = s1s2.Slice(j * MlDsa65.N, MlDsa65.N).ToArray();
                Ntt.Forward(s1Hat[j]);
            }
            for (var i = 0; i < MlDsa65.K; i++)
            {
                var acc = new int[MlDsa65.N];
                for (var j = 0; j < MlDsa65.L; j++) Ntt.MultiplyAccumulate(a[i * MlDsa65.L + j], s1Hat[j], acc);
                Ntt.Inverse(acc);
                var s2 = s1s2.Slice((MlDsa65.L + i) * MlDsa65.N, MlDsa65.N);
                for (var c = 0; c < MlDsa65.N; c++) acc[c] = Mod.Add(acc[c], s2[c]);
                t[i] = acc;
            }
        }
        finally
        {
            foreach (var p in s1Hat) if (p is not null) Array.Clear(p);
        }
    }

    public static MlDsaPublicKey FromT(ReadOnlySpan<byte> rho, int[][] t)
    {
        var t1 = new int[MlDsa65.K][];
        for (var i = 0; i < MlDsa65.K; i++)
        {
            t1[i] = new int[MlDsa65.N];
            for (var c = 0; c < MlDsa65.N; c++) t1[i][c] = Rounding.Power2RoundHigh(t[i][c]);
        }
        return MlDsaPublicKey.FromParts(rho, t1);
    }
}
