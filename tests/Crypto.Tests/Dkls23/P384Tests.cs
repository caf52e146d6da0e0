using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.P384;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>The OpenSSL-backed P-384 wrapper against .NET's own ECDsa/ECDiffieHellman (known answers), plus group laws and decoding.</summary>
public class P384Tests
{
    [Property(MaxTest = 15)]
    public void MulBase_equals_the_public_key_dotnet_derives(int seed)
    {
        _ = seed;
        using var e = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var p = e.ExportParameters(includePrivateParameters: true);
        Assert.True(P384Scalar.TryDecode(p.D, out var d));
        using var q = P384Point.MulBase(d);
        Assert.Equal([4, .. p.Q.X!, .. p.Q.Y!], q.EncodeUncompressed());
    }

    [Property(MaxTest = 300)]
    public void Scalar_arithmetic_matches_big_integer_mod_n(byte[] x, byte[] y, bool edge)
    {
        var n = P384Scalar.Order;
        BigInteger Of(byte[] b) => edge ? n - 1 - (new BigInteger(b ?? [], isUnsigned: true) % 3)
            : new BigInteger(SHA512.HashData(b ?? []), isUnsigned: true, isBigEndian: true) % n;
        var (a, b) = (Of(x), Of(y));
        var sa = P384Scalar.FromWide(a.ToByteArray(isUnsigned: true, isBigEndian: true));
        var sb = P384Scalar.FromWide(b.ToByteArray(isUnsigned: true, isBigEndian: true));
        Assert.Equal((a + b) % n, (sa + sb).Value);
        Assert.Equal(((a - b) % n + n) % n, (sa - sb).Value);
        Assert.Equal(a * b % n, (sa * sb).Value);
        Assert.Equal((n - a) % n, (-sa).Value);
        var wide = SHA512.HashData(x ?? []);
        Assert.Equal(new BigInteger(wide, isUnsigned: true, isBigEndian: true) % n, P384Scalar.FromWide(wide).Value);
        if (!a.IsZero) Assert.Equal(BigInteger.ModPow(a, n - 2, n), sa.Invert().Value);
        Assert.Equal(a, P384Scalar.TryDecode(sa.ToArray(), out var back) ? back.Value : BigInteger.MinusOne);
    }

    [Fact]
    public void Multiply_equals_dotnet_ecdh_shared_secret()
    {
        using var a = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        using var b = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var shared = a.DeriveRawSecretAgreement(b.PublicKey);
        var pa = a.ExportParameters(true);
        var pb = b.ExportParameters(false);
        Assert.True(P384Scalar.TryDecode(pa.D, out var da));
        Assert.True(P384Point.TryDecode([4, .. pb.Q.X!, .. pb.Q.Y!], out var qb));
        using var s = qb.Multiply(da);
        Assert.Equal(shared, s.EncodeUncompressed()[1..49]);
    }

    [Property(MaxTest = 15)]
    public void Add_multiply_and_encode_roundtrip(int seed)
    {
        _ = seed;
        var a = P384Scalar.Random();
        var b = P384Scalar.Random();
        using var ag = P384Point.MulBase(a);
        using var bg = P384Point.MulBase(b);
        using var sum = ag + bg;
        using var abg = P384Point.MulBase(a + b);
        Assert.Equal(abg, sum);
        using var prod = bg.Multiply(a);
        using var prodBase = P384Point.MulBase(a * b);
        Assert.Equal(prodBase, prod);
        using var diff = sum - bg;
        Assert.Equal(ag, diff);
        Assert.True((ag + (-ag)).IsIdentity);
        Assert.True(P384Point.TryDecode(sum.Encode(), out var back));
        Assert.Equal(sum, back);
        Assert.Equal(P384Point.CompressedSize, sum.Encode().Length);
        Assert.True(P384Scalar.TryDecode(a.ToArray(), out var a2));
        Assert.Equal(a, a2);
        Assert.Equal(P384Scalar.One, a * a.Invert());
    }

    [Fact]
    public void Invalid_points_and_scalars_are_rejected()
    {
        using var p = P384Point.MulBase(P384Scalar.Random());
        var enc = p.Encode();
        var unc = p.EncodeUncompressed();
        Assert.False(P384Point.TryDecode([0], out _));                            // identity
        Assert.False(P384Point.TryDecode(enc[..48], out _));                      // short
        Assert.False(P384Point.TryDecode([5, .. enc[1..]], out _));               // bad prefix
        Assert.False(P384Point.TryDecode([2, .. Enumerable.Repeat((byte)0xFF, 48)], out _)); // x ≥ p
        var offCurve = (byte[])unc.Clone();
        offCurve[96] ^= 1;                                                        // y off by one
        Assert.False(P384Point.TryDecode(offCurve, out _));
        Assert.False(P384Scalar.TryDecode(P384Scalar.Order.ToByteArray(isUnsigned: true, isBigEndian: true), out _));
        Assert.False(P384Scalar.TryDecode(new byte[47], out _));
        Assert.Throws<InvalidOperationException>(() => P384Point.Identity.Encode());
    }

    [Fact]
    public void Our_verifier_accepts_dotnet_signatures_and_rejects_a_changed_digest()
    {
        using var e = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var digest = SHA384.HashData("cc-tsa"u8);
        var raw = e.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var q = e.ExportParameters(false).Q;
        Assert.True(P384Point.TryDecode([4, .. q.X!, .. q.Y!], out var pk));
        Assert.True(P384Scalar.TryDecode(raw[..48], out var r));
        Assert.True(P384Scalar.TryDecode(raw[48..], out var s));
        var sig = new EcdsaSignature(r, s);
        Assert.True(sig.Verify(pk, digest));
        digest[0] ^= 1;
        Assert.False(sig.Verify(pk, digest));
    }
}
