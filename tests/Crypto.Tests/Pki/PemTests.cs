using CcTsa.Crypto.Pki;

namespace CcTsa.Crypto.Tests.Pki;

public class PemTests
{
    [Fact]
    public void Decode_finds_the_block_with_the_label()
    {
        var text = Pem.Encode(Pem.PrivateKey, [9, 9]) + Pem.Encode(Pem.Certificate, [1, 2, 3]);
        Assert.True(Pem.TryDecode(text, Pem.Certificate, out var der));
        Assert.Equal(new byte[] { 1, 2, 3 }, der);
        Assert.False(Pem.TryDecode(text, Pem.X509Crl, out _));
    }

    [Fact]
    public void DecodeAll_returns_every_block_in_order()
    {
        var text = Pem.Encode(Pem.Certificate, [1]) + Pem.Encode(Pem.Certificate, [2]);
        Assert.Equal([[1], [2]], Pem.DecodeAll(text, Pem.Certificate));
    }
}
