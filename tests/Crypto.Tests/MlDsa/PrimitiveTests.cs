using CcTsa.Crypto.MlDsa;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// The single-party FIPS 204 pieces. FIPS 204 KeyGen_internal assembled from our ExpandA, ExpandS,
/// NTT, Power2Round and pkEncode must give BouncyCastle's public key for the same seed ξ; the
/// other primitives are checked against their definitions.
/// </summary>
public sealed class PrimitiveTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(200)]
    public void KeyGen_from_our_primitives_matches_BouncyCastle(byte fill)
    {
        var xi = Enumerable.Repeat(fill, 32).Select((b, i) => (byte)(b + i)).ToArray();
        var h = new ShakeDigest(256);
        h.BlockUpdate(xi);
        h.BlockUpdate([MlDsa65.K, MlDsa65.L]);
        var expanded = new byte[128];
        h.OutputFinal(expanded);
        var s = new int[(MlDsa65.K + MlDsa65.L) * MlDsa65.N];
        PartyKeyShare.ExpandShare(expanded.AsSpan(32, 64), s);
        var t = new int[MlDsa65.K][];
        PublicKeyDerivation.ComputeT(Sampling.ExpandA(expanded.AsSpan(0, 32)), s, t);
        var ours = PublicKeyDerivation.FromT(expanded.AsSpan(0, 32), t);

        var bc = MLDsaPrivateKeyParameters.FromSeed(MLDsaParameters.ml_dsa_65, xi).GetPublicKeyEncoded();
        Assert.Equal(bc, ours.Encoding.ToArray());
    }

    [Fact]
    public void Ntt_product_equals_the_negacyclic_schoolbook_product()
    {
        var rng = new Random(5);
        var a = Enumerable.Range(0, 256).Select(_ => rng.Next(MlDsa65.Q)).ToArray();
        var b = Enumerable.Range(0, 256).Select(_ => rng.Next(MlDsa65.Q)).ToArray();
        var expected = new long[256];
        for (var i = 0; i < 256; i++)
            for (var j = 0; j < 256; j++)
            {
                var p = (long)a[i] * b[j] % MlDsa65.Q;
                if (i + j < 256) expected[i + j] += p; else expected[i + j - 256] -= p;
            }
        var aHat = (int[])a.Clone();
        var bHat = (int[])b.Clone();
        Ntt.Forward(aHat);
        Ntt.Forward(bHat);
        var prod = new int[256];
        Ntt.Multiply(aHat, bHat, prod);
        Ntt.Inverse(prod);
        Assert.Equal(expected.Select(e => (int)(((e % MlDsa65.Q) + MlDsa65.Q) % MlDsa65.Q)), prod);
    }

    [Fact]
    public void Decompose_splits_every_residue_as_FIPS_204_defines()
    {
        for (var r = 0; r < MlDsa65.Q; r += 97)
            Check(r);
        foreach (var r in new[] { MlDsa65.Q - 1, MlDsa65.Q - MlDsa65.Gamma2, MlDsa65.Gamma2, MlDsa65.Gamma2 + 1 }) Check(r);

        static void Check(int r)
        {
            var (r1, r0) = Rounding.Decompose(r);
            Assert.InRange(r1, 0, 15);
            Assert.Equal(r, Mod.Reduce((long)r1 * MlDsa65.Alpha + r0));
            // The corner r − r0 = q − 1 (the top of the range) maps to r1 = 0 with r0 ∈ [−γ2, 0).
            if (r > MlDsa65.Q / 2 && r1 == 0) Assert.InRange(r0, -MlDsa65.Gamma2, -1);
            else Assert.InRange(r0, -MlDsa65.Gamma2 + 1, MlDsa65.Gamma2);
        }
    }

    [Fact]
    public void SampleInBall_gives_tau_coefficients_of_plus_or_minus_one()
    {
        var c = Sampling.SampleInBall(Enumerable.Range(0, 48).Select(i => (byte)i).ToArray());
        Assert.Equal(MlDsa65.Tau, c.Count(v => v != 0));
        Assert.All(c.Where(v => v != 0), v => Assert.True(v == 1 || v == MlDsa65.Q - 1));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(23)]
    public void Bit_packing_round_trips(int bits)
    {
        var rng = new Random(bits);
        var v = Enumerable.Range(0, 256).Select(_ => rng.Next(1 << bits)).ToArray();
        var packed = new byte[32 * bits];
        BitPacking.Pack(v, bits, packed);
        var back = new int[256];
        BitPacking.Unpack(packed, bits, back);
        Assert.Equal(v, back);
    }
}
