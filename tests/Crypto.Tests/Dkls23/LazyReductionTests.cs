using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// The lazily reduced inner product (<see cref="ScalarSum"/> over <see cref="MontWide"/>, used by the
/// RVOLE for c and d) against the path it replaced — one Montgomery multiplication and addition per
/// term — and against BigInteger, on 1,000 random sums plus the largest accumulator values.
/// </summary>
public class LazyReductionTests
{
    private static readonly BigInteger N = P384Scalar.Order;

    private static P384Scalar Of(BigInteger v)
    {
        var b = new byte[48];
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(b, 48 - raw.Length);
        Assert.True(P384Scalar.TryDecode(b, out var s));
        return s;
    }

    private static BigInteger RandomBelowN() => new BigInteger(RandomNumberGenerator.GetBytes(64), isUnsigned: true, isBigEndian: true) % N;

    [Fact]
    public void Lazy_sum_equals_per_term_montgomery_and_big_integer()
    {
        for (var i = 0; i < 1000; i++)
        {
            var terms = 1 + RandomNumberGenerator.GetInt32(i % 10 == 0 ? 700 : 8);
            var sum = new ScalarSum();
            var reference = P384Scalar.Zero;
            var big = BigInteger.Zero;
            for (var j = 0; j < terms; j++)
            {
                // a tenth of the operands at the top of the range, where the carries are longest
                var (x, y) = (i % 7 == 0 ? N - 1 - j : RandomBelowN(), RandomBelowN());
                var (a, b) = (Of(x), Of(y));
                sum.AddProduct(a, b);
                reference += a * b;
                big += x * y;
            }
            var lazy = sum.Finish();
            Assert.Equal(reference, lazy);
            Assert.Equal(big % N, lazy.Value);
        }
    }

    [Fact]
    public void Accumulator_overflow_limb_is_carried_into_the_result()
    {
        // 5,000 products of (n−1)·(n−1) in Montgomery form: the limbs are the largest values the
        // accumulator meets (the RVOLE has 640 terms), so limb 12 is non-zero and must be folded back.
        var m = Of(N - 1);
        var sum = new ScalarSum();
        var reference = P384Scalar.Zero;
        for (var j = 0; j < 5000; j++)
        {
            sum.AddProduct(m, m);
            reference += m * m;
        }
        Assert.Equal(reference, sum.Finish());
        Assert.Equal(5000 % N, (reference).Value);
    }

    [Fact]
    public void Empty_and_finished_sums_are_zero()
    {
        var sum = new ScalarSum();
        Assert.True(sum.Finish().IsZero);
        sum.AddProduct(Of(5), Of(7));
        Assert.Equal(35, (int)sum.Finish().Value);
        Assert.True(sum.Finish().IsZero);                       // Finish clears the accumulator
    }
}
