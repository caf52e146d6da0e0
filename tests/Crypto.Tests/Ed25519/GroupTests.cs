using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Tests.Vectors;

namespace CcTsa.Crypto.Tests.Ed25519;

public class GroupTests
{
    [Fact]
    public void Sodium_loaded_library_is_the_nuget_release()
    {
        Assert.True(Version.Parse(Sodium.Version) >= new Version(1, 0, 22), Sodium.Version);
    }

    [Fact]
    public void Decode_every_invalid_fixture_element_is_rejected()
    {
        var v = VectorData.Load("elements.json").GetProperty("elements");
        foreach (var e in v.EnumerateObject())
        {
            var bytes = VectorData.Hex(e.Value);
            Assert.False(Point.TryDecode(bytes, out _), e.Name);
            var wire = new List<byte> { 1, 1, 1 };
            wire.AddRange(new byte[32]);
            wire[3] = 1;
            wire.AddRange(bytes);
            wire.AddRange(Ed25519Group.BaseMul(PublicScalar.FromInt(7).Encoding).Encoding);
            Assert.Equal(FrostFailure.InvalidElement, SigningCommitments.FromBytes(wire.ToArray()).Error.Failure);
            var sig = bytes.Concat(new byte[32]).ToArray();
            Assert.False(Signature.TryDecode(sig, out _));
        }
    }

    public static TheoryData<string, string> BadEncodings => new()
    {
        { "identity", "0100000000000000000000000000000000000000000000000000000000000000" },
        { "order-2 point", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f" },
        { "order-4 point", "0000000000000000000000000000000000000000000000000000000000000000" },
        { "order-8 point", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a" },
        { "non-canonical y ≥ p", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f" },
        { "not on curve", "0200000000000000000000000000000000000000000000000000000000000000" },
        { "mixed order (B + T4)", "" },
    };

    [Theory]
    [MemberData(nameof(BadEncodings))]
    public void Decode_small_order_noncanonical_or_mixed_order_is_rejected(string why, string hex)
    {
        var bytes = hex.Length > 0 ? Convert.FromHexString(hex) : MixedOrder();
        Assert.False(Point.TryDecode(bytes, out _), why);
    }

    [Fact]
    public void Scalar_at_or_above_order_is_not_canonical()
    {
        Assert.False(PublicScalar.TryDecode(Ed25519Group.Order, out _));
        var below = Ed25519Group.Order.ToArray();
        below[0]--;
        Assert.True(PublicScalar.TryDecode(below, out _));
        Assert.False(PublicScalar.TryDecode(Enumerable.Repeat((byte)0xff, 32).ToArray(), out _));
        Assert.False(PublicScalar.TryDecode(new byte[31], out _));
    }

    [Fact]
    public void Group_arithmetic_is_consistent()
    {
        var a = PublicScalar.FromInt(5);
        var b = PublicScalar.FromInt(11);
        var pa = Ed25519Group.BaseMul(a.Encoding);
        var pb = Ed25519Group.BaseMul(b.Encoding);
        Assert.Equal(Ed25519Group.BaseMul((a + b).Encoding), pa + pb);
        Assert.Equal(Ed25519Group.BaseMul((a * b).Encoding), Ed25519Group.Mul(pa, b.Encoding));
        Assert.True((pa - pa).IsIdentity);
        Assert.True(Ed25519Group.BaseMul(PublicScalar.Zero.Encoding).IsIdentity);
        Assert.Equal(PublicScalar.FromInt(1), a * a.Invert());
    }

    [Fact]
    public void Round1Package_with_invalid_commitment_element_is_rejected()
    {
        var (_, pkg) = Dealerless.Part1(CcTsa.Crypto.Sharing.ParticipantId.FromIndex(1), 3, 2);
        var bytes = pkg.ToBytes();
        Assert.Equal(pkg, Round1Package.FromBytes(bytes).Value);
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000").CopyTo(bytes, 3 + 32 + 2);
        Assert.Equal(FrostFailure.InvalidElement, Round1Package.FromBytes(bytes).Error.Failure);
    }

    private static byte[] MixedOrder()
    {
        // B + T where T has order 4 (x = sqrt(-1), y = 0): on the curve but outside the prime-order subgroup.
        Span<byte> r = stackalloc byte[32];
        var b = Ed25519Group.BaseMul(PublicScalar.FromInt(1).Encoding);
        Assert.Equal(0, Libsodium.crypto_core_ed25519_add(r, b.Encoding, new byte[32]));
        return r.ToArray();
    }
}
