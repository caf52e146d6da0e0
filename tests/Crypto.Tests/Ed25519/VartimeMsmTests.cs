using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Ed25519.Vartime;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Tests.Ed25519;

/// <summary>
/// Issue 17: the variable-time extended-coordinates arithmetic for public values agrees with
/// libsodium (the constant-time reference) on seeded random inputs — 10,000 single
/// multiplications, 2,000 multi-scalar sums, 10,000 decodings — and on the edge cases.
/// </summary>
public sealed class VartimeMsmTests
{
    private static PublicScalar RandomScalar(Random rng)
    {
        var wide = new byte[64];
        rng.NextBytes(wide);
        Span<byte> s = stackalloc byte[32];
        Ed25519Group.ScalarReduce(s, wide);
        return PublicScalar.FromTrusted(s);
    }

    private static Point RandomPoint(Random rng) => Ed25519Group.BaseMul(RandomScalar(rng).Encoding);

    [Fact]
    public void Ten_thousand_single_multiplications_match_libsodium()
    {
        var rng = new Random(17_001);
        for (var i = 0; i < 10_000; i++)
        {
            var s = RandomScalar(rng);
            var p = RandomPoint(rng);
            var expected = Ed25519Group.Mul(p, s.Encoding);
            var actual = Ed25519Group.SumVartime([], [s], [p]);
            Assert.True(expected == actual, $"case {i}: s={s} P={p}: libsodium {expected}, vartime {actual}");
        }
    }

    [Fact]
    public void Two_thousand_multi_scalar_sums_with_plain_terms_match_libsodium()
    {
        var rng = new Random(17_002);
        for (var i = 0; i < 2_000; i++)
        {
            var n = 1 + rng.Next(7);
            var scalars = Enumerable.Range(0, n).Select(_ => RandomScalar(rng)).ToArray();
            var points = Enumerable.Range(0, n).Select(_ => RandomPoint(rng)).ToArray();
            var plain = Enumerable.Range(0, rng.Next(4)).Select(_ => RandomPoint(rng)).ToArray();
            var expected = Ed25519Group.Mul(points[0], scalars[0].Encoding);
            for (var k = 1; k < n; k++) expected += Ed25519Group.Mul(points[k], scalars[k].Encoding);
            foreach (var q in plain) expected += q;
            Assert.True(expected == Ed25519Group.SumVartime(plain, scalars, points), $"case {i} ({n} points, {plain.Length} plain)");
        }
    }

    [Fact]
    public void Small_and_edge_scalars_match_libsodium()
    {
        var rng = new Random(17_003);
        var p = RandomPoint(rng);
        var lMinusOne = PublicScalar.Zero - PublicScalar.FromInt(1);
        foreach (var s in new[] { PublicScalar.FromInt(1), PublicScalar.FromInt(2), PublicScalar.FromInt(15), PublicScalar.FromInt(16), PublicScalar.FromInt(31), lMinusOne })
            Assert.True(Ed25519Group.Mul(p, s.Encoding) == Ed25519Group.SumVartime([], [s], [p]), "scalar " + s);
        Assert.True(Ed25519Group.SumVartime([], [PublicScalar.Zero], [p]).IsIdentity);
        Assert.True(Ed25519Group.SumVartime([], [], []).IsIdentity);
        Assert.True(Ed25519Group.SumsToIdentityVartime([p], [lMinusOne, PublicScalar.FromInt(2)], [p, p]) == false);
        Assert.True(Ed25519Group.SumsToIdentityVartime([p], [lMinusOne], [p]));
        Assert.True(Ed25519Group.BaseMul(PublicScalar.FromInt(5).Encoding) == Ed25519Group.SumVartime([], [PublicScalar.FromInt(5)], [Ed25519Group.BasePoint]));
    }

    [Fact]
    public void Ten_thousand_decodings_agree_with_libsodium_and_round_trip()
    {
        var rng = new Random(17_004);
        var bytes = new byte[32];
        var decodedRandom = 0;
        for (var i = 0; i < 10_000; i++)
        {
            // half valid prime-order points, half random strings (about half of which are on the curve)
            if (i % 2 == 0) RandomPoint(rng).Encoding.CopyTo(bytes);
            else rng.NextBytes(bytes);
            var ours = EdwardsPoint.TryDecode(bytes, out var p);
            if (Ed25519Group.IsValidElement(bytes))
                Assert.True(ours && p.Encode().AsSpan().SequenceEqual(bytes), $"case {i}: libsodium accepts {Convert.ToHexStringLower(bytes)}, vartime decode/encode does not round-trip");
            if (ours)
            {
                // on the curve: the encoding survives, and adding the identity through libsodium agrees
                Assert.True(p.Encode().AsSpan().SequenceEqual(bytes), $"case {i}: {Convert.ToHexStringLower(bytes)} decodes but re-encodes differently");
                Assert.Equal(0, Libsodium.crypto_core_ed25519_add(new byte[32], bytes, Ed25519Group.IdentityEncoding));
                if (i % 2 == 1) decodedRandom++;
            }
        }
        Assert.InRange(decodedRandom, 1_000, 4_000);
    }

    [Theory]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p
    [InlineData("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p + 1 ≡ 1
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // y = 2^255 − 1, sign set
    [InlineData("0100000000000000000000000000000000000000000000000000000000000080")] // identity with x "negative" (x = 0)
    public void Non_canonical_encodings_are_refused(string hex)
    {
        Assert.False(EdwardsPoint.TryDecode(Convert.FromHexString(hex), out _));
        Assert.False(Ed25519Group.IsValidElement(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Wnaf_digits_recompose_the_scalar()
    {
        var rng = new Random(17_005);
        Span<sbyte> naf = stackalloc sbyte[Wnaf.Digits];
        for (var i = 0; i < 1_000; i++)
        {
            var s = RandomScalar(rng);
            Wnaf.Compute(s.Encoding, 5, naf);
            var value = System.Numerics.BigInteger.Zero;
            for (var k = Wnaf.Digits - 1; k >= 0; k--) value = (value * 2) + naf[k];
            Assert.Equal(new System.Numerics.BigInteger(s.Encoding, isUnsigned: true), value);
            for (var k = 0; k < Wnaf.Digits; k++)
                Assert.True(naf[k] == 0 || (Math.Abs(naf[k]) % 2 == 1 && Math.Abs(naf[k]) < 16), $"digit {naf[k]} at {k}");
        }
    }

    [Fact]
    public void A_default_point_has_no_coordinates()
    {
        Assert.Throws<InvalidOperationException>(() => default(Point).Decoded);
    }
}
