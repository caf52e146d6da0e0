using Org.BouncyCastle.Crypto.Digests;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The FIPS 204 samplers over BouncyCastle's SHAKE: RejNTTPoly for ExpandA (Algorithms 30, 32),
/// RejBoundedPoly for ExpandS (Algorithms 31, 33; η = 4) and SampleInBall (Algorithm 29, absorbing
/// the whole 48-byte c̃ as the final standard does).
/// </summary>
internal static class Sampling
{
    /// <summary>Â = ExpandA(ρ): K×L polynomials in the NTT domain, row-major.</summary>
    public static int[][] ExpandA(ReadOnlySpan<byte> rho)
    {
        var a = new int[MlDsa65.K * MlDsa65.L][];
        Span<byte> seed = stackalloc byte[MlDsa65.SeedBytes + 2];
        rho.CopyTo(seed);
        for (var r = 0; r < MlDsa65.K; r++)
        {
            for (var s = 0; s < MlDsa65.L; s++)
            {
                seed[32] = (byte)s;
                seed[33] = (byte)r;
                var poly = new int[MlDsa65.N];
                UniformPoly(seed, poly);
                a[r * MlDsa65.L + s] = poly;
            }
        }
        return a;
    }

    /// <summary>RejNTTPoly(seed): coefficients uniform in [0, q) from SHAKE128 (3 bytes, top bit cleared, rejected if ≥ q).</summary>
    public static void UniformPoly(ReadOnlySpan<byte> seed, Span<int> poly)
    {
        var xof = new ShakeDigest(128);
        xof.BlockUpdate(seed);
        Span<byte> block = stackalloc byte[168];
        var j = 0;
        while (j < MlDsa65.N)
        {
            xof.Output(block);
            for (var p = 0; p + 3 <= block.Length && j < MlDsa65.N; p += 3)
            {
                var c = block[p] | (block[p + 1] << 8) | ((block[p + 2] & 0x7F) << 16);
                if (c < MlDsa65.Q) poly[j++] = c;
            }
        }
        xof.Reset();
    }

    /// <summary>
    /// RejBoundedPoly(seed ‖ LE16(nonce)) for η = 4, written as residues in [0, q). The seed is the
    /// 64-byte ρ′ of FIPS 204 or, for threshold shares, a subset's seed.
    /// </summary>
    public static void BoundedPoly(ReadOnlySpan<byte> seed, ushort nonce, Span<int> poly)
    {
        var xof = new ShakeDigest(256);
        xof.BlockUpdate(seed);
        Span<byte> n = [(byte)nonce, (byte)(nonce >> 8)];
        xof.BlockUpdate(n);
        Span<byte> block = stackalloc byte[136];
        var j = 0;
        try
        {
            while (j < MlDsa65.N)
            {
                xof.Output(block);
                for (var p = 0; p < block.Length && j < MlDsa65.N; p++)
                {
                    int z0 = block[p] & 0x0F, z1 = block[p] >> 4;
                    if (z0 < 9) poly[j++] = Mod.Reduce(4 - z0);
                    if (z1 < 9 && j < MlDsa65.N) poly[j++] = Mod.Reduce(4 - z1);
                }
            }
        }
        finally
        {
            block.Clear();
            xof.Reset();
        }
    }

    /// <summary>c = SampleInBall(c̃): τ coefficients ±1, the rest 0, as residues in [0, q).</summary>
    public static int[] SampleInBall(ReadOnlySpan<byte> cTilde)
    {
        var c = new int[MlDsa65.N];
        var xof = new ShakeDigest(256);
        xof.BlockUpdate(cTilde);
        Span<byte> block = stackalloc byte[136];
        xof.Output(block);
        ulong signs = BitConverter.ToUInt64(block[..8]);
        var pos = 8;
        for (var i = MlDsa65.N - MlDsa65.Tau; i < MlDsa65.N; i++)
        {
            int j;
            do
            {
                if (pos == block.Length) { xof.Output(block); pos = 0; }
                j = block[pos++];
            } while (j > i);
            c[i] = c[j];
            c[j] = (signs & 1) == 1 ? MlDsa65.Q - 1 : 1;
            signs >>= 1;
        }
        return c;
    }
}
