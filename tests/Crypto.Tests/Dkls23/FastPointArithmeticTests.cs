using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// The second performance pass (issue 15): the comb's signed-digit recoding and blinded field inversion, the variable-time
/// a + e·b for public points, and C4/C5 checked as one random combination — each against the plain
/// path it replaces on ≥ 1,000 random inputs (or, for the check, every way a peer can break it).
/// </summary>
public class FastPointArithmeticTests
{
    private const int Cases = 1000;
    private static readonly BigInteger P = BaseField.Prime;

    [Fact]
    public void Blinded_inversion_equals_fermat_and_big_integer_mod_p()
    {
        var values = new List<BigInteger> { 1, 2, P - 1, P - 2, BigInteger.One << 383 };
        for (var i = 0; i < Cases; i++) values.Add((new BigInteger(RandomNumberGenerator.GetBytes(64), isUnsigned: true) % (P - 1)) + 1);
        foreach (var v in values)
        {
            var m = U384.FromBig(v);
            var blinded = BaseField.InvertBlinded(m);
            Assert.True(blinded.CtEquals(BaseField.Invert(m)));
            Assert.Equal(BigInteger.ModPow(v, P - 2, P), blinded.ToBig());
        }
    }

    [Fact]
    public void Signed_recoding_sums_back_to_the_scalar()
    {
        var values = new List<BigInteger> { 1, 32, 33, 63, 64, P384Scalar.Order - 1, (BigInteger.One << 383) + 32 };
        for (var i = 0; i < Cases; i++) values.Add(new BigInteger(RandomNumberGenerator.GetBytes(48), isUnsigned: true) % P384Scalar.Order);
        Span<int> digits = stackalloc int[65];
        foreach (var k in values)
        {
            var be = new byte[48];
            k.ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(be.AsSpan(48 - k.GetByteCount(isUnsigned: true)));
            FixedBaseComb.Recode(be, digits);
            var sum = BigInteger.Zero;
            for (var w = 64; w >= 0; w--)
            {
                Assert.InRange(digits[w], w == 64 ? 0 : -31, w == 64 ? 1 : 32);
                sum = (sum << 6) + digits[w];
            }
            Assert.Equal(k, sum);
        }
    }

    [Fact]
    public void Add_scaled_public_equals_ladder_and_addition()
    {
        for (var i = 0; i < Cases; i++)
        {
            // short (128-bit, as the combined check draws) and full-size e alternate
            var e = i % 2 == 0 ? P384Scalar.FromBig(new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true)) : P384Scalar.Random();
            using var a = P384Point.MulBase(P384Scalar.RandomNonZero());
            using var b = P384Point.MulBase(P384Scalar.RandomNonZero());
            using var fast = P384Point.AddScaledPublic(a, e, b);
            using var eb = b.Multiply(e);
            using var plain = a + eb;
            Assert.True(plain.Equals(fast));
        }
        using var twice = P384Point.AddScaledPublic(P384Point.Generator, P384Scalar.One, P384Point.Generator);
        using var two = P384Point.MulBase(P384Scalar.FromInt(2));
        Assert.True(two.Equals(twice));                          // a = b: the doubling case
        Assert.True(P384Point.AddScaledPublic(P384Point.Generator, -P384Scalar.One, P384Point.Generator).IsIdentity);
    }

    /// <summary>χ, R_j, pk_j and the honest Γ^u = χ·R_j − d^u·G, Γ^v = χ·pk_j − d^v·G.</summary>
    private static (P384Scalar Chi, P384Point R, P384Point Pk, P384Point Gu, P384Point Gv, P384Scalar Du, P384Scalar Dv) Honest()
    {
        var chi = P384Scalar.RandomNonZero();
        var (r, sk, du, dv) = (P384Scalar.RandomNonZero(), P384Scalar.RandomNonZero(), P384Scalar.Random(), P384Scalar.Random());
        return (chi, P384Point.MulBase(r), P384Point.MulBase(sk), P384Point.MulBase((chi * r) - du), P384Point.MulBase((chi * sk) - dv), du, dv);
    }

    [Fact]
    public void Combined_check_accepts_honest_values_and_names_the_broken_check()
    {
        for (var i = 0; i < 50; i++)
        {
            var h = Honest();
            var delta = P384Scalar.RandomNonZero();
            using var off = P384Point.MulBase(delta);
            using var guBad = h.Gu + off;
            using var gvBad = h.Gv + off;
            Assert.Null(GammaCheck.Run(new GammaClaim(h.Chi, h.R, h.Pk, h.Gu, h.Gv, h.Du, h.Dv)));
            Assert.Equal(Dkls23Failure.NonceConsistencyFailed, GammaCheck.Run(new GammaClaim(h.Chi, h.R, h.Pk, guBad, h.Gv, h.Du, h.Dv)));
            Assert.Equal(Dkls23Failure.KeyShareConsistencyFailed, GammaCheck.Run(new GammaClaim(h.Chi, h.R, h.Pk, h.Gu, gvBad, h.Du, h.Dv)));
            Assert.Equal(Dkls23Failure.NonceConsistencyFailed, GammaCheck.Run(new GammaClaim(h.Chi, h.R, h.Pk, guBad, gvBad, h.Du, h.Dv)));
            // wrong d values (Bob's own side) break it too: the check is not one-sided
            Assert.NotNull(GammaCheck.Run(new GammaClaim(h.Chi, h.R, h.Pk, h.Gu, h.Gv, h.Du + P384Scalar.One, h.Dv)));
            Assert.NotNull(GammaCheck.Run(new GammaClaim(h.Chi, h.R, h.Pk, h.Gu, h.Gv, h.Du, h.Dv + P384Scalar.One)));
        }
    }

    [Fact]
    public void Errors_that_cancel_under_a_fixed_combination_are_still_caught()
    {
        // Γ^u off by +Δ and Γ^v off by −Δ would pass a check with e = 1; with e drawn fresh they do
        // not (and Γ^v off by −Δ/e₀ for any guessed e₀ fails unless e = e₀: probability 2^-128).
        for (var i = 0; i < 50; i++)
        {
            var h = Honest();
            var delta = P384Scalar.RandomNonZero();
            using var plus = P384Point.MulBase(delta);
            using var minus = P384Point.MulBase(-delta);
            using var guBad = h.Gu + plus;
            using var gvBad = h.Gv + minus;
            Assert.Equal(Dkls23Failure.NonceConsistencyFailed, GammaCheck.Run(new GammaClaim(h.Chi, h.R, h.Pk, guBad, gvBad, h.Du, h.Dv)));
        }
    }

    [Fact]
    public void Batched_check_over_several_peers_names_the_first_broken_peer_and_check()
    {
        // 1–4 peers, one of them broken in C4 or C5 (index 0 included: its a-coefficient is the fixed 1),
        // plus errors spread over two peers that cancel under equal weights (Γ^u_0 + Δ, Γ^u_1 − Δ).
        for (var i = 0; i < 40; i++)
        {
            var k = 1 + (i % 4);
            var claims = Enumerable.Range(0, k).Select(_ => Claim(Honest())).ToList();
            Assert.Null(GammaCheck.RunAll(claims));
            var bad = i % k;
            var c5 = i % 3 == 0;
            using var off = P384Point.MulBase(P384Scalar.RandomNonZero());
            var broken = claims.ToList();
            broken[bad] = c5 ? claims[bad] with { GammaV = claims[bad].GammaV + off } : claims[bad] with { GammaU = claims[bad].GammaU + off };
            Assert.Equal((bad, c5 ? Dkls23Failure.KeyShareConsistencyFailed : Dkls23Failure.NonceConsistencyFailed), GammaCheck.RunAll(broken));
            var wrongD = claims.ToList();
            wrongD[bad] = claims[bad] with { Dv = claims[bad].Dv + P384Scalar.One };
            Assert.Equal((bad, Dkls23Failure.KeyShareConsistencyFailed), GammaCheck.RunAll(wrongD));
            if (k < 2) continue;
            var delta = P384Scalar.RandomNonZero();
            using var plus = P384Point.MulBase(delta);
            using var minus = P384Point.MulBase(-delta);
            var cancel = claims.ToList();
            cancel[0] = claims[0] with { GammaU = claims[0].GammaU + plus };
            cancel[1] = claims[1] with { GammaU = claims[1].GammaU + minus };
            Assert.Equal((0, Dkls23Failure.NonceConsistencyFailed), GammaCheck.RunAll(cancel));
        }
    }

    private static GammaClaim Claim((P384Scalar Chi, P384Point R, P384Point Pk, P384Point Gu, P384Point Gv, P384Scalar Du, P384Scalar Dv) h) =>
        new(h.Chi, h.R, h.Pk, h.Gu, h.Gv, h.Du, h.Dv);

    [Fact]
    public void Public_combination_equals_the_sum_of_single_multiplications()
    {
        for (var i = 0; i < 1000; i++)
        {
            var terms = Enumerable.Range(0, 1 + (i % 5)).Select(_ => (P384Point.MulBase(P384Scalar.RandomNonZero()), P384Scalar.Random())).ToList();
            using var fast = P384Point.CombinePublic(terms);
            using var slow = P384Point.Sum(terms.Select(t => t.Item1.Multiply(t.Item2)));
            Assert.True(fast.Equals(slow));
        }
    }
}
