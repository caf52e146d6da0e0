using System.Runtime.Intrinsics.X86;
using CcTsa.Crypto.MlDsa;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// The signing fast paths against the code they replace, on 1,000 random inputs each: the AVX2
/// NTT and pointwise products bit for bit against the scalar ones, the sparse c·s against the
/// NTT product, the vectorised Box–Muller against the scalar loop, and the masked mod-q
/// corrections against their comparison definitions. The AVX2 tests fail (not skip) on a machine
/// without AVX2, where the fast paths would not be the ones in use.
/// </summary>
public sealed class FastPathTests
{
    private const int Cases = 1000;
    private const int N = MlDsa65.N;

    [Fact]
    public void Avx2_ntt_forward_and_inverse_equal_the_scalar_transform_bit_for_bit()
    {
        Assert.True(Avx2.IsSupported, "this test needs AVX2; the signers use the scalar NTT without it");
        var rng = new Random(16);
        for (var i = 0; i < Cases; i++)
        {
            var a = RandomPoly(rng, i);
            var scalar = (int[])a.Clone();
            var vector = (int[])a.Clone();
            Ntt.ForwardScalar(scalar);
            NttAvx2.Forward(vector);
            Assert.Equal(scalar, vector);
            Ntt.InverseScalar(scalar);
            NttAvx2.Inverse(vector);
            Assert.Equal(scalar, vector);
        }
    }

    [Fact]
    public void Avx2_pointwise_products_equal_the_scalar_ones_bit_for_bit()
    {
        Assert.True(Avx2.IsSupported, "this test needs AVX2; the signers use the scalar products without it");
        var rng = new Random(17);
        for (var i = 0; i < Cases; i++)
        {
            var a = RandomPoly(rng, i);
            var b = RandomPoly(rng, i + 1);
            var acc = RandomPoly(rng, i + 2);
            var scalar = new int[N];
            var vector = new int[N];
            Ntt.MultiplyScalar(a, b, scalar);
            NttAvx2.Multiply(a, b, vector, accumulate: false);
            Assert.Equal(scalar, vector);
            var accScalar = (int[])acc.Clone();
            var accVector = (int[])acc.Clone();
            Ntt.MultiplyAccumulateScalar(a, b, accScalar);
            NttAvx2.Multiply(a, b, accVector, accumulate: true);
            Assert.Equal(accScalar, accVector);
        }
    }

    [Fact]
    public void Sparse_challenge_product_equals_the_ntt_product_centred()
    {
        var rng = new Random(18);
        const int polys = MlDsa65.L + MlDsa65.K;
        var cTilde = new byte[MlDsa65.CTildeBytes];
        for (var i = 0; i < Cases; i++)
        {
            rng.NextBytes(cTilde);
            var c = Sampling.SampleInBall(cTilde);
            // Partial secrets are within ±16; the widest 16-bit-exact values test the exactness claim.
            var bound = i % 2 == 0 ? 16 : ChallengeProduct.MaxAbs;
            var s = Enumerable.Range(0, polys * N).Select(_ => rng.Next(-bound, bound + 1)).ToArray();
            var ext = new short[2 * s.Length];
            var sparse = new short[s.Length];
            ChallengeProduct.Extend(s, ext);
            ChallengeProduct.Multiply(c, ext, sparse);

            var cHat = (int[])c.Clone();
            Ntt.ForwardScalar(cHat);
            for (var p = 0; p < polys; p++)
            {
                var sHat = s.AsSpan(p * N, N).ToArray().Select(Mod.FromCentred).ToArray();
                Ntt.ForwardScalar(sHat);
                var prod = new int[N];
                Ntt.MultiplyScalar(cHat, sHat, prod);
                Ntt.InverseScalar(prod);
                Assert.Equal(prod.Select(Mod.Center), sparse.AsSpan(p * N, N).ToArray().Select(v => (int)v));
            }
        }
    }

    [Fact]
    public void Challenge_product_refuses_a_coefficient_its_16_bit_sums_could_not_hold()
    {
        var s = new int[2 * N];
        s[N + 7] = -(ChallengeProduct.MaxAbs + 1);
        var ex = Assert.Throws<InvalidOperationException>(() => ChallengeProduct.Extend(s, new short[4 * N]));
        Assert.Contains("polynomial 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vectorised_hyperball_sample_matches_the_scalar_sampler()
    {
        Assert.True(Avx2.IsSupported, "this test needs AVX2; the signers use the scalar sampler without it");
        var rng = new Random(19);
        var seed = new byte[64];
        var scratch = new byte[Hyperball.RandomBytes];
        var scalar = new double[Hyperball.Dimension];
        var vector = new double[Hyperball.Dimension];
        for (var i = 0; i < Cases; i++)
        {
            rng.NextBytes(seed);
            var slot = (ushort)(i % ThresholdParams.Slots);
            Hyperball.Sample(seed, slot, scalar, scratch, vector: false);
            Hyperball.Sample(seed, slot, vector, scratch, vector: true);
            // Coordinates reach ν·r′ ≈ 3.3e6; the two differ only in the last bits of libm versus
            // the vector math and of the norm's summation order.
            for (var c = 0; c < scalar.Length; c++)
                Assert.True(Math.Abs(scalar[c] - vector[c]) <= 1e-6, $"case {i}, coordinate {c}: {scalar[c]} vs {vector[c]}");
        }
    }

    [Fact]
    public void Vector_rounding_equals_go_math_round_bit_for_bit_including_halves()
    {
        Assert.True(Avx.IsSupported, "this test needs AVX; the signers round one coordinate at a time without it");
        var rng = new Random(22);
        var x = new double[Hyperball.Dimension + 3];
        var scalar = new int[x.Length];
        var vector = new int[x.Length];
        for (var i = 0; i < Cases; i++)
        {
            for (var c = 0; c < x.Length; c++)
            {
                var k = rng.Next(-3_400_000, 3_400_001);
                // Exact halves, their neighbours one ulp either side, and plain random coordinates.
                x[c] = (c % 4) switch
                {
                    0 => k + 0.5,
                    1 => Math.BitIncrement(k + 0.5),
                    2 => Math.BitDecrement(k + 0.5),
                    _ => (rng.NextDouble() - 0.5) * 6.8e6,
                };
            }
            Hyperball.RoundAll(x, scalar, vector: false);
            Hyperball.RoundAll(x, vector, vector: true);
            Assert.Equal(scalar, vector);
        }
    }

    [Theory]
    [InlineData(-MlDsa65.Gamma1 + 1, true)]
    [InlineData(MlDsa65.Gamma1, true)]
    [InlineData(-MlDsa65.Gamma1, false)]
    [InlineData(MlDsa65.Gamma1 + 1, false)]
    [InlineData(-3_400_000, false)]
    public void A_response_coordinate_outside_the_z_encoding_rejects_the_slot(int coordinate, bool fits)
    {
        var v = new double[Hyperball.Dimension];
        v[MlDsa65.L * MlDsa65.N - 1] = coordinate - 0.4;
        var z = new int[MlDsa65.L * MlDsa65.N];
        Assert.Equal(fits, Round3.TryRound(v, z));
    }

    [Fact]
    public void Masked_mod_q_corrections_equal_their_comparison_definitions()
    {
        const int q = MlDsa65.Q;
        var rng = new Random(20);
        var edges = new[] { 0, 1, q - 1, q / 2, (q - 1) / 2, (q + 1) / 2 };
        foreach (var a in edges.Concat(Enumerable.Range(0, Cases).Select(_ => rng.Next(q))))
        {
            foreach (var b in edges.Concat(Enumerable.Range(0, 8).Select(_ => rng.Next(q))))
            {
                Assert.Equal(a + b >= q ? a + b - q : a + b, Mod.Add(a, b));
                Assert.Equal(a - b < 0 ? a - b + q : a - b, Mod.Sub(a, b));
            }
            Assert.Equal(a > (q - 1) / 2 ? a - q : a, Mod.Center(a));
            var centred = a - q / 2;
            Assert.Equal(Mod.Reduce(centred), Mod.FromCentred(centred));
        }
    }

    [Fact]
    public void Unpack23_equals_the_generic_bit_unpacker_and_flags_values_of_q_or_more()
    {
        var rng = new Random(21);
        var src = new byte[MlDsa65.FullPolyBytes];
        var generic = new int[N];
        var fast = new int[N];
        for (var i = 0; i < Cases; i++)
        {
            if (i % 2 == 0) rng.NextBytes(src);
            else BitPacking.Pack(RandomPoly(rng, i), 23, src);
            BitPacking.Unpack(src, 23, generic);
            foreach (var vector in new[] { false, Avx2.IsSupported })
            {
                Array.Clear(fast);
                var bad = SlotCodec.Unpack23(src, fast, vector);
                Assert.Equal(generic, fast);
                Assert.Equal(generic.Any(v => v >= MlDsa65.Q), bad != 0);
            }
        }
    }

    [Fact]
    public void Twenty_bit_pack_and_unpack_equal_the_generic_bit_packer()
    {
        var rng = new Random(22);
        var generic = new byte[MlDsa65.ZPolyBytes];
        var fast = new byte[MlDsa65.ZPolyBytes];
        var back = new int[N];
        for (var i = 0; i < Cases; i++)
        {
            var values = Enumerable.Range(0, N).Select(_ => rng.Next(1 << 20)).ToArray();
            if (i % 10 == 3) Array.Fill(values, (1 << 20) - 1);
            BitPacking.Pack(values, 20, generic);
            BitPacking.Pack20(values, fast);
            Assert.Equal(generic, fast);
            BitPacking.Unpack20(fast, back);
            Assert.Equal(values, back);
        }
    }

    /// <summary>Uniform residues, with every tenth case all 0 or all q − 1 (the extremes of each lane).</summary>
    private static int[] RandomPoly(Random rng, int i) => (i % 10) switch
    {
        3 => new int[N],
        7 => Enumerable.Repeat(MlDsa65.Q - 1, N).ToArray(),
        _ => Enumerable.Range(0, N).Select(_ => rng.Next(MlDsa65.Q)).ToArray(),
    };
}
