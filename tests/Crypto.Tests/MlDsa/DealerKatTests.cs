using System.Security.Cryptography;
using CcTsa.Crypto.MlDsa;
using CcTsa.Testing;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// The reference implementation's dealer known answers (shared/fixtures/threshold-mldsa65/kat.json):
/// ρ, SHA-256(pk), every key_i, held masks and share serialization for ξ = 0^32, plus the public
/// keys of two more seeds. Bit-exact agreement pins ExpandA, ExpandS, the NTT, Power2Round, t1
/// packing and the subset order at once.
/// </summary>
public sealed class DealerKatTests
{
    private static byte[] SeedU64(ulong v)
    {
        var seed = new byte[32];
        BitConverter.TryWriteBytes(seed, v);
        return seed;
    }

    [Fact]
    public void Dealer_with_zero_seed_reproduces_the_reference_kat()
    {
        using var kat = Fixtures.Json("threshold-mldsa65/kat.json");
        var d = kat.RootElement.GetProperty("dealer_kat");
        var (pk, shares) = TrustedDealer.Deal(Convert.FromHexString(d.GetProperty("seed_hex").GetString()!));
        try
        {
            Assert.Equal(d.GetProperty("rho_hex").GetString(), Convert.ToHexStringLower(pk.Rho));
            Assert.Equal(d.GetProperty("pk_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(pk.Encoding)));
            foreach (var party in d.GetProperty("parties").EnumerateArray())
            {
                var share = shares[party.GetProperty("id").GetInt32()];
                Assert.Equal(party.GetProperty("masks").EnumerateArray().Select(m => (byte)m.GetInt32()), share.Held.Select(m => m.Value));
                Assert.Equal(party.GetProperty("sha256_share_serialization").GetString(), Convert.ToHexStringLower(share.ReferenceSerializationDigest()));
            }
        }
        finally
        {
            foreach (var s in shares) s.Dispose();
        }
    }

    [Theory]
    [InlineData(1UL, "u64le(1)||0^24")]
    [InlineData(2UL, "u64le(2)||0^24")]
    public void Dealer_public_keys_match_the_reference_for_other_seeds(ulong seed, string key)
    {
        using var kat = Fixtures.Json("threshold-mldsa65/kat.json");
        var expected = kat.RootElement.GetProperty("other_seeds_pk_sha256").GetProperty(key).GetString();
        var (pk, shares) = TrustedDealer.Deal(SeedU64(seed));
        foreach (var s in shares) s.Dispose();
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(pk.Encoding)));
    }

    [Fact]
    public void Share_ToString_is_redacted()
    {
        var (_, shares) = TrustedDealer.Deal(new byte[32]);
        Assert.Equal("PartyKeyShare(p1, [redacted])", shares[0].ToString());
        foreach (var s in shares) s.Dispose();
    }
}
