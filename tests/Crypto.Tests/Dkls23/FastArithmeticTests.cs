using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// The unrolled Montgomery arithmetic, the one-reduction hash-to-scalar, the buffered oracle, the
/// pre-keyed column hash and the SIMD transposition, each against a plain reference on ≥ 1,000
/// random inputs (plus edge values): BigInteger mod n, one-shot SHAKE256 / BLAKE2b, bit-by-bit.
/// </summary>
public class FastArithmeticTests
{
    private const int Cases = 1000;
    private static readonly BigInteger N = P384Scalar.Order;
    private static readonly BigInteger R = BigInteger.One << 384;

    private static BigInteger Big(ReadOnlySpan<byte> be) => new(be, isUnsigned: true, isBigEndian: true);

    private static byte[] Be48(BigInteger v)
    {
        var b = new byte[48];
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(b, 48 - raw.Length);
        return b;
    }

    /// <summary>Random values below n, mixed with the edges 0, 1, n−1, n−2^k.</summary>
    private static IEnumerable<BigInteger> Values(int count)
    {
        BigInteger[] edges = [0, 1, 2, N - 1, N - 2, N - (BigInteger.One << 64), R - N];
        foreach (var e in edges) yield return e;
        for (var i = 0; i < count; i++) yield return Big(RandomNumberGenerator.GetBytes(64)) % N;
    }

    [Fact]
    public void Scalar_add_sub_mul_match_big_integer_mod_n()
    {
        var xs = Values(Cases).ToArray();
        var ys = Values(Cases).Reverse().ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            var (a, b) = (xs[i], ys[i]);
            Assert.True(P384Scalar.TryDecode(Be48(a), out var sa));
            Assert.True(P384Scalar.TryDecode(Be48(b), out var sb));
            Assert.Equal((a + b) % N, (sa + sb).Value);
            Assert.Equal(((a - b) % N + N) % N, (sa - sb).Value);
            Assert.Equal(a * b % N, (sa * sb).Value);
            Assert.Equal(a, sa.Value);
        }
    }

    [Fact]
    public void Montgomery_multiply_and_reduce_match_the_definition_for_any_odd_modulus()
    {
        // the P-384 base field p as a second modulus: the same generated code serves both
        var p = (BigInteger.One << 384) - (BigInteger.One << 128) - (BigInteger.One << 96) + (BigInteger.One << 32) - 1;
        var rInvP = BigInteger.ModPow(R, p - 2, p);
        var mp = U384.FromBig(p);
        var mInv = ScalarField.NegInverse(mp.L0);
        for (var i = 0; i < Cases; i++)
        {
            var a = Big(RandomNumberGenerator.GetBytes(48)) % p;
            var b = Big(RandomNumberGenerator.GetBytes(48)) % p;
            Mont384.Mul(U384.FromBig(a), U384.FromBig(b), mp, mInv, out var r);
            Assert.Equal(a * b * rInvP % p, r.ToBig());
            var wide = RandomNumberGenerator.GetBytes(64);
            Mont384.Redc512(U384.Load(wide.AsSpan(16)), BinaryPrimitives.ReadUInt64BigEndian(wide.AsSpan(8)),
                BinaryPrimitives.ReadUInt64BigEndian(wide), mp, mInv, out var red);
            Assert.Equal(Big(wide) * rInvP % p, red.ToBig());
        }
    }

    /// <summary>
    /// Carry chains (compare-and-setb since pass 3) at their extremes: every limb drawn from
    /// {0, 2^64 − 1, random}, so carries ripple through all six limbs; both moduli, 1,000 cases each.
    /// </summary>
    [Fact]
    public void Montgomery_carries_hold_when_limbs_are_all_ones_or_zero()
    {
        var p = (BigInteger.One << 384) - (BigInteger.One << 128) - (BigInteger.One << 96) + (BigInteger.One << 32) - 1;
        foreach (var m in new[] { N, p })
        {
            var mm = U384.FromBig(m);
            var mInv = ScalarField.NegInverse(mm.L0);
            var rInv = BigInteger.ModPow(R % m, m - 2, m);
            for (var i = 0; i < Cases; i++)
            {
                var a = Extreme();                                      // a < R is allowed
                var b = Extreme() % m;
                Mont384.Mul(U384.FromBig(a), U384.FromBig(b), mm, mInv, out var r);
                Assert.Equal(a * b * rInv % m, r.ToBig());
                var (x, y) = (a % m, b);
                Mont384.Add(U384.FromBig(x), U384.FromBig(y), mm, out var sum);
                Assert.Equal((x + y) % m, sum.ToBig());
                Mont384.Sub(U384.FromBig(x), U384.FromBig(y), mm, out var diff);
                Assert.Equal(((x - y) % m + m) % m, diff.ToBig());
            }
        }

        static BigInteger Extreme()
        {
            var v = BigInteger.Zero;
            for (var l = 0; l < 6; l++)
            {
                var limb = (RandomNumberGenerator.GetInt32(3)) switch { 0 => 0UL, 1 => ulong.MaxValue, _ => BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) };
                v |= new BigInteger(limb) << (64 * l);
            }
            return v;
        }
    }

    [Fact]
    public void Wide_reductions_match_big_integer()
    {
        var rInv = BigInteger.ModPow(R % N, N - 2, N);              // 2^-384 mod n
        var inputs = Enumerable.Range(0, Cases).Select(_ => RandomNumberGenerator.GetBytes(64))
            .Append(Enumerable.Repeat((byte)0xFF, 64).ToArray()).Append(new byte[64]).ToArray();
        foreach (var wide in inputs)
        {
            Assert.Equal(Big(wide) % N, P384Scalar.FromWide(wide).Value);
            Assert.Equal(Big(wide.AsSpan(0, 48)) % N * rInv % N, P384Scalar.UniformFrom48(wide.AsSpan(0, 48)).Value);
        }
        // the edge of the masked subtraction: x = n − 1, n, n + 1, 2^384 − 1
        foreach (var x in new[] { N - 1, N, N + 1, R - 1 })
            Assert.Equal(x % N * rInv % N, P384Scalar.UniformFrom48(Be48(x)).Value);
    }

    [Fact]
    public void Buffered_oracle_absorbs_exactly_the_length_prefixed_fields()
    {
        for (var round = 0; round < 50; round++)
        {
            var reference = new List<byte>();
            void Field(ReadOnlySpan<byte> f)
            {
                var len = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(len, (ulong)f.Length);
                reference.AddRange(len);
                reference.AddRange(f.ToArray());
            }
            Field("cctsa/dkls23/test/v1"u8);
            using var o = new Oracle("test");
            // enough scalars to cross the 8 KiB buffer several times, a field bigger than the buffer, and small ones
            for (var i = 0; i < 400; i++)
            {
                var s = P384Scalar.Random();
                o.Add(s);
                Field(s.ToArray());
                if (i % 97 == 0)
                {
                    var big = RandomNumberGenerator.GetBytes(12_288 + round);
                    o.Add(big);
                    Field(big);
                }
                if (i % 13 == 0)
                {
                    o.Add(i);
                    var v = new byte[8];
                    BinaryPrimitives.WriteInt64BigEndian(v, i);
                    Field(v);
                }
            }
            Assert.Equal(Shake256.HashData([.. reference], 64), o.Finish(64));
        }
    }

    [Fact]
    public unsafe void Prekeyed_column_hash_equals_libsodium_one_shot_keyed_blake2b()
    {
        CcTsa.Crypto.Native.Sodium.EnsureInitialized();
        var key = RandomNumberGenerator.GetBytes(64);
        using var h = new ColumnHash(key);
        var output = new byte[64];
        var expected = new byte[64];
        for (var i = 0; i < Cases; i++)
        {
            var msg = RandomNumberGenerator.GetBytes(1 + (i % ColumnHash.MaxMessageBytes));   // every length one block holds
            h.Hash(msg, output);
            fixed (byte* e = expected)
            fixed (byte* m = msg)
            fixed (byte* k = key)
                Assert.Equal(0, CcTsa.Crypto.Native.Libsodium.crypto_generichash(e, 64, m, (ulong)msg.Length, k, 64));
            Assert.Equal(expected, output);
        }
        Assert.Throws<ArgumentException>(() => h.Hash([], output));
        Assert.Throws<ArgumentException>(() => h.Hash(new byte[ColumnHash.MaxMessageBytes + 1], output));
    }

    [Fact]
    public void Four_lane_column_hash_equals_four_single_hashes()
    {
        Assert.True(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "This check compares the AVX2 path, which the CI machines have.");
        using var h = new ColumnHash(RandomNumberGenerator.GetBytes(ColumnHash.KeyBytes));
        var outputs = new byte[4 * ColumnHash.OutputBytes];
        var expected = new byte[4 * ColumnHash.OutputBytes];
        for (var i = 0; i < Cases; i++)
        {
            var length = 1 + (i % ColumnHash.MaxMessageBytes);
            var messages = RandomNumberGenerator.GetBytes(4 * length);
            h.Hash4(messages, outputs);
            for (var k = 0; k < 4; k++) h.Hash(messages.AsSpan(k * length, length), expected.AsSpan(k * ColumnHash.OutputBytes, ColumnHash.OutputBytes));
            Assert.Equal(expected, outputs);
        }
        Assert.Throws<ArgumentException>(() => h.Hash4(new byte[4 * (ColumnHash.MaxMessageBytes + 1)], outputs));
        Assert.Throws<ArgumentException>(() => h.Hash4(new byte[19 * 3], outputs));
    }

    [Fact]
    public void Simd_transposition_equals_the_bit_by_bit_reference()
    {
        var cols = new byte[Dkls23Params.RowBits * 16];
        for (var round = 0; round < Cases; round++)
        {
            var rows = RandomNumberGenerator.GetBytes(Dkls23Params.Kappa * Dkls23Params.RowBytes);
            if (round == 0) Array.Fill(rows, (byte)0xFF);
            var count = round % 2 == 0 ? Dkls23Params.Xi : Dkls23Params.RowBits;
            BitMatrix.Transpose(rows, count, cols);
            for (var j = 0; j < count; j++)
                for (var i = 0; i < Dkls23Params.Kappa; i++)
                {
                    var expected = (rows[(i * Dkls23Params.RowBytes) + (j >> 3)] >> (j & 7)) & 1;
                    Assert.Equal(expected, (cols[(j * 16) + (i >> 3)] >> (i & 7)) & 1);
                }
        }
    }

    [Fact]
    public void Fixed_base_comb_equals_the_openssl_ladder_on_g()
    {
        var scalars = new List<P384Scalar> { P384Scalar.One, P384Scalar.FromInt(2), P384Scalar.FromInt(15), P384Scalar.FromInt(16), P384Scalar.FromInt(17), -P384Scalar.One };
        for (var i = 0; i < 384; i += 7) scalars.Add(P384Scalar.FromBig(BigInteger.One << i));
        for (var i = 0; i < Cases; i++) scalars.Add(P384Scalar.Random());
        foreach (var k in scalars)
        {
            using var comb = P384Point.MulBase(k);
            using var ladder = P384Point.Generator.Multiply(k);
            Assert.Equal(ladder.EncodeUncompressed(), comb.EncodeUncompressed());
        }
        Assert.True(P384Point.MulBase(P384Scalar.Zero).IsIdentity);
    }

    [Fact]
    public unsafe void Bulk_hash_is_blake2b_of_the_framed_fields_with_montgomery_limbs()
    {
        CcTsa.Crypto.Native.Sodium.EnsureInitialized();
        for (var round = 0; round < 20; round++)
        {
            var reference = new List<byte>();
            void Field(byte[] f)
            {
                var len = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(len, (ulong)f.Length);
                reference.AddRange(len);
                reference.AddRange(f);
            }
            Field("cctsa/dkls23/test/v1"u8.ToArray());
            using var h = new BulkHash("test");
            for (var i = 0; i < 300; i++)
            {
                var s = P384Scalar.Random();
                h.AddMontgomery(s);
                var limbs = new byte[48];
                (s.Value * R % N).ToByteArray(isUnsigned: true, isBigEndian: false).CopyTo(limbs, 0);
                Field(limbs);
                if (i % 101 == 0)
                {
                    var big = RandomNumberGenerator.GetBytes(9000 + round);
                    h.Add(big);
                    Field(big);
                }
            }
            var expected = new byte[64];
            var input = reference.ToArray();
            fixed (byte* e = expected)
            fixed (byte* m = input)
                Assert.Equal(0, CcTsa.Crypto.Native.Libsodium.crypto_generichash(e, 64, m, (ulong)input.Length, null, 0));
            Assert.Equal(expected, h.Finish());
        }
    }
}
