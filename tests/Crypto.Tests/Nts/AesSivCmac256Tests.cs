using CcTsa.Crypto.Nts;

namespace CcTsa.Crypto.Tests.Nts;

/// <summary>RFC 5297 appendix A vectors, and tampering of each part of the sealed output.</summary>
public sealed class AesSivCmac256Tests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    [Fact]
    public void DeterministicExampleA1()
    {
        var key = H("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        var ad = H("101112131415161718191a1b1c1d1e1f2021222324252627");
        var sealedData = AesSivCmac256.Encrypt(key, H("112233445566778899aabbccddee"), ad);
        Assert.Equal(H("85632d07c6e8f37f950acd320a2ecc93 40c02b9690c4dc04daef7f6afe5c"), sealedData);
        Assert.True(AesSivCmac256.TryDecrypt(key, sealedData, out var plain, ad));
        Assert.Equal(H("112233445566778899aabbccddee"), plain);
    }

    [Fact]
    public void NonceBasedExampleA2()
    {
        var key = H("7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f");
        byte[][] ad =
        [
            H("00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100"),
            H("102030405060708090a0"),
            H("09f911029d74e35bd84156c5635688c0"),
        ];
        var plaintext = H("7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553");
        var sealedData = AesSivCmac256.Encrypt(key, plaintext, ad);
        Assert.Equal(H("7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c889bf17dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d"), sealedData);
        Assert.True(AesSivCmac256.TryDecrypt(key, sealedData, out var plain, ad));
        Assert.Equal(plaintext, plain);
    }

    [Fact]
    public void EveryFlippedBitOfTagCiphertextOrAssociatedDataIsRefused()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var ad = "header"u8.ToArray();
        var nonce = new byte[16];
        var sealedData = AesSivCmac256.Encrypt(key, "twenty-one byte text!"u8, ad, nonce);
        for (var i = 0; i < sealedData.Length * 8; i++)
        {
            var tampered = (byte[])sealedData.Clone();
            tampered[i / 8] ^= (byte)(1 << (i % 8));
            Assert.False(AesSivCmac256.TryDecrypt(key, tampered, out var plain, ad, nonce));
            Assert.Empty(plain);
        }
        Assert.False(AesSivCmac256.TryDecrypt(key, sealedData, out _, "headeR"u8.ToArray(), nonce));
        Assert.False(AesSivCmac256.TryDecrypt(key, sealedData, out _, ad));
        Assert.False(AesSivCmac256.TryDecrypt(key, sealedData.AsSpan(0, 15), out _, ad, nonce));
    }

    [Fact]
    public void AKeyOfTheWrongSizeIsACallerError()
    {
        var e = Assert.Throws<ArgumentException>(() => AesSivCmac256.Encrypt(new byte[16], [], []));
        Assert.Contains("32-byte key", e.Message, StringComparison.Ordinal);
    }
}
