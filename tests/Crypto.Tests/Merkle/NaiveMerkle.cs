using System.Security.Cryptography;

namespace CcTsa.Crypto.Tests.Merkle;

/// <summary>
/// RFC 9162 §2.1 transcribed literally over the leaf list (MTH, PATH, SUBPROOF), on raw bytes with
/// its own hashing: the reference the stored-subtree implementation is checked against.
/// </summary>
internal static class NaiveMerkle
{
    public static byte[] Mth(byte[][] d)
    {
        if (d.Length == 0) return SHA256.HashData([]);
        if (d.Length == 1) return SHA256.HashData([0x00, .. d[0]]);
        var k = K(d.Length);
        return SHA256.HashData([0x01, .. Mth(d[..k]), .. Mth(d[k..])]);
    }

    public static List<byte[]> Path(int m, byte[][] d)
    {
        if (d.Length == 1) return [];
        var k = K(d.Length);
        return m < k ? [.. Path(m, d[..k]), Mth(d[k..])] : [.. Path(m - k, d[k..]), Mth(d[..k])];
    }

    public static List<byte[]> Proof(int m, byte[][] d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, byte[][] d, bool b)
    {
        if (m == d.Length) return b ? [] : [Mth(d)];
        var k = K(d.Length);
        return m <= k ? [.. SubProof(m, d[..k], b), Mth(d[k..])] : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
    }

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n) k *= 2;
        return k;
    }
}
