namespace CcTsa.Crypto.MlDsa;

/// <summary>Residues mod q in [0, q) and their centred form in (−q/2, q/2].</summary>
internal static class Mod
{
    public static int Add(int a, int b)
    {
        var s = a + b;
        return s >= MlDsa65.Q ? s - MlDsa65.Q : s;
    }

    public static int Sub(int a, int b)
    {
        var s = a - b;
        return s < 0 ? s + MlDsa65.Q : s;
    }

    /// <summary>Any int (|x| &lt; 2^31) to [0, q).</summary>
    public static int Reduce(long x)
    {
        var r = (int)(x % MlDsa65.Q);
        return r < 0 ? r + MlDsa65.Q : r;
    }

    /// <summary>[0, q) to (−(q−1)/2, (q−1)/2].</summary>
    public static int Center(int a) => a > (MlDsa65.Q - 1) / 2 ? a - MlDsa65.Q : a;
}
