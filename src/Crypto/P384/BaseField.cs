using System.Numerics;

namespace CcTsa.Crypto.P384;

/// <summary>
/// Arithmetic mod p = 2^384 − 2^128 − 2^96 + 2^32 − 1 (the P-384 base field) on canonical values
/// (0 ≤ v &lt; p, no Montgomery form): multiplication by the special form of p
/// (<see cref="Solinas384"/>, 54 word products where Montgomery needs 78 — issue 15 pass 5),
/// addition and subtraction by the generic <see cref="Mont384.Add"/>/<see cref="Mont384.Sub"/>.
/// Used only by the fixed-base comb (<see cref="FixedBaseComb"/>); everything else about points
/// stays in OpenSSL.
/// </summary>
internal static class BaseField
{
    public static readonly BigInteger Prime = (BigInteger.One << 384) - (BigInteger.One << 128) - (BigInteger.One << 96) + (BigInteger.One << 32) - 1;

    public static readonly U384 P = U384.FromBig(Prime);

    public static readonly U384 One = new(1, 0, 0, 0, 0, 0);

    /// <summary>The curve's b (a = −3 is built into the formulas).</summary>
    public static readonly U384 B = U384.FromBig(BigInteger.Parse(
        "0B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF",
        System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));

    // p − 2 as 4-bit windows from the top: the exponent is public, so indexing a table by it is fine.
    private static readonly byte[] InverseWindows = Windows(Prime - 2);

    /// <summary>r = a·b mod p for a, b &lt; p.</summary>
    public static void Mul(in U384 a, in U384 b, out U384 r) => Solinas384.Mul(a, b, out r);

    public static void Add(in U384 a, in U384 b, out U384 r) => Mont384.Add(a, b, P, out r);

    public static void Sub(in U384 a, in U384 b, out U384 r) => Mont384.Sub(a, b, P, out r);

    /// <summary>v mod p for any v &lt; 2^384 (&lt; 2p: one masked subtraction).</summary>
    public static U384 Reduce(in U384 v)
    {
        Add(v, default, out var r);
        return r;
    }

    /// <summary>a^(p−2) = a^-1 (0 for 0): fixed 4-bit windows, the same operations whatever a is.</summary>
    public static U384 Invert(in U384 a)
    {
        Span<U384> powers = stackalloc U384[16];
        powers[0] = One;
        for (var i = 1; i < 16; i++) Mul(powers[i - 1], a, out powers[i]);
        var acc = One;
        foreach (var w in InverseWindows)
        {
            for (var s = 0; s < 4; s++) Mul(acc, acc, out acc);
            Mul(acc, powers[w], out acc);
        }
        powers.Clear();
        return acc;
    }

    /// <summary>
    /// a^-1 (a ≠ 0) for a secret a, by inverting a·b for a fresh uniform b with OpenSSL's fast
    /// variable-time BN_mod_inverse and multiplying by b again: a·b is uniform and independent of a,
    /// so the inversion's timing says nothing about a. About 5× cheaper than the Fermat chain of
    /// <see cref="Invert"/> (480 multiplications), which was a third of every k·G. Needed because a
    /// projective Z leaks scalar bits if handled in variable time ("Projective coordinates leak",
    /// Naccache–Smart–Stern, Eurocrypt 2004).
    /// </summary>
    public static unsafe U384 InvertBlinded(in U384 a)
    {
        Span<byte> buf = stackalloc byte[48];
        try
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(buf);
            var b = Reduce(U384.Load(buf));
            Mul(a, b, out var ab);
            ab.Store(buf);
            IntPtr t, inv;
            fixed (byte* pb = buf) t = OpenSsl.BN_bin2bn(pb, 48, IntPtr.Zero);
            if (t == IntPtr.Zero) throw new OutOfMemoryException("BN_bin2bn failed.");
            try { inv = OpenSsl.BN_mod_inverse(IntPtr.Zero, t, PrimeBn.Value, P384Group.Ctx); }
            finally { OpenSsl.BN_clear_free(t); }
            if (inv == IntPtr.Zero) throw new System.Security.Cryptography.CryptographicException("BN_mod_inverse failed (zero input or blinding value).");
            int n;
            fixed (byte* pb = buf) n = OpenSsl.BN_bn2binpad(inv, pb, 48);
            OpenSsl.BN_clear_free(inv);
            if (n != 48) throw new System.Security.Cryptography.CryptographicException("BN_bn2binpad failed.");
            Mul(U384.Load(buf), b, out var r);                         // (ab)^-1 · b = a^-1
            return r;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buf);
        }
    }

    /// <summary>p as a BIGNUM, made once and never freed (read-only, shared by all threads).</summary>
    private static readonly Lazy<IntPtr> PrimeBn = new(() =>
    {
        var be = Prime.ToByteArray(isUnsigned: true, isBigEndian: true);
        unsafe
        {
            fixed (byte* pb = be)
            {
                var bn = OpenSsl.BN_bin2bn(pb, be.Length, IntPtr.Zero);
                return bn != IntPtr.Zero ? bn : throw new OutOfMemoryException("BN_bin2bn failed.");
            }
        }
    });

    private static byte[] Windows(BigInteger e)
    {
        var w = new byte[96];
        for (var i = 0; i < 96; i++) w[95 - i] = (byte)(int)((e >> (4 * i)) & 15);
        return w;
    }
}
