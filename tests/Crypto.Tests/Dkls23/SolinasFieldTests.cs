using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// Issue 15 pass 5: the P-384 base field multiplies by the special form of p (<see cref="Solinas384"/>)
/// instead of Montgomery. Checked against the Montgomery path it replaces and against BigInteger, on
/// random values, on limbs at their extremes (so every carry and both folds ripple through), and on
/// every pair of edge values (0, 1, p − 1, …) where the folds' bounds are tight.
/// </summary>
public class SolinasFieldTests
{
    private const int Cases = 2000;
    private static readonly BigInteger P = BaseField.Prime;
    private static readonly BigInteger R = BigInteger.One << 384;

    [Fact]
    public void Solinas_multiplication_equals_montgomery_and_big_integer()
    {
        var values = new List<BigInteger>
        {
            0, 1, 2, P - 1, P - 2, (P + 1) / 2, BigInteger.One << 383, R - P, (BigInteger.One << 128) + (BigInteger.One << 96),
            (BigInteger.One << 256) - 1, P - (BigInteger.One << 256), ulong.MaxValue,
        };
        var pairs = new List<(BigInteger, BigInteger)>();
        foreach (var a in values) foreach (var b in values) pairs.Add((a, b));
        for (var i = 0; i < Cases; i++) pairs.Add(i % 2 == 0 ? (Random(), Random()) : (Extreme(), Extreme()));
        var mp = U384.FromBig(P);
        var mInv = ScalarField.NegInverse(mp.L0);
        var r2 = U384.FromBig(R * R % P);
        foreach (var (a, b) in pairs)
        {
            BaseField.Mul(U384.FromBig(a), U384.FromBig(b), out var fast);
            Assert.Equal(a * b % P, fast.ToBig());
            // the replaced path: into Montgomery form, multiply, out again
            Mont384.Mul(U384.FromBig(a), r2, mp, mInv, out var am);
            Mont384.Mul(U384.FromBig(b), r2, mp, mInv, out var bm);
            Mont384.Mul(am, bm, mp, mInv, out var prod);
            Mont384.Redc512(prod, 0, 0, mp, mInv, out var viaMontgomery);
            Assert.True(viaMontgomery.CtEquals(fast));
        }
    }

    [Fact]
    public void Reduce_maps_every_384_bit_value_below_p()
    {
        var values = new List<BigInteger> { 0, P - 1, P, P + 1, R - 1 };
        for (var i = 0; i < Cases; i++) values.Add(Big(RandomNumberGenerator.GetBytes(48)));
        foreach (var v in values) Assert.Equal(v % P, BaseField.Reduce(U384.FromBig(v)).ToBig());
    }

    private static BigInteger Big(byte[] be) => new(be, isUnsigned: true, isBigEndian: true);

    private static BigInteger Random() => Big(RandomNumberGenerator.GetBytes(48)) % P;

    /// <summary>Limbs drawn from {0, 2^64 − 1, random}, reduced below p.</summary>
    private static BigInteger Extreme()
    {
        var v = BigInteger.Zero;
        for (var l = 0; l < 6; l++)
        {
            var limb = RandomNumberGenerator.GetInt32(3) switch { 0 => 0UL, 1 => ulong.MaxValue, _ => BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) };
            v |= new BigInteger(limb) << (64 * l);
        }
        return v % P;
    }
}
