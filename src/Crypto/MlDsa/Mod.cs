namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Residues mod q in [0, q) and their centred form in (−q/2, q/2]. The corrections are masks from
/// the sign bit, not branches: the operands are often secret (nonces, shares), and the masked forms
/// give exactly what the comparisons gave for every input that does not overflow.
/// </summary>
internal static class Mod
{
    public static int Add(int a, int b)
    {
        var s = a + b - MlDsa65.Q;
        return s + ((s >> 31) & MlDsa65.Q);
    }

    public static int Sub(int a, int b)
    {
        var s = a - b;
        return s + ((s >> 31) & MlDsa65.Q);
    }

    /// <summary>Any int (|x| &lt; 2^31) to [0, q).</summary>
    public static int Reduce(long x)
    {
        var r = (int)(x % MlDsa65.Q);
        return r < 0 ? r + MlDsa65.Q : r;
    }

    /// <summary>A centred value (|x| &lt; q) to [0, q) without a division.</summary>
    public static int FromCentred(int x) => x + ((x >> 31) & MlDsa65.Q);

    /// <summary>[0, q) to (−(q−1)/2, (q−1)/2].</summary>
    public static int Center(int a) => a - ((((MlDsa65.Q - 1) / 2) - a) >> 31 & MlDsa65.Q);
}
