using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Crypto.Tests.Rfc3161;
using FsCheck;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Pki;

/// <summary>The TokenAccuracy extension ({arc}.1.2): encoding, bounds, and the dev CA binding it into the TSA certificate.</summary>
public sealed class TokenAccuracyExtensionTests
{
    [Property(MaxTest = 300)]
    public bool Encode_then_decode_round_trips_whole_microseconds(PositiveInt micros)
    {
        var accuracy = TimeSpan.FromMicroseconds(micros.Get);
        return TokenAccuracyExtension.TryDecode(TokenAccuracyExtension.Encode(accuracy)) == accuracy;
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x01, 0x00 })]             // zero
    [InlineData(new byte[] { 0x02, 0x01, 0xFF })]             // negative
    [InlineData(new byte[] { 0x02, 0x06, 0x01, 0, 0, 0, 0, 0 })] // beyond one day
    [InlineData(new byte[] { 0x04, 0x01, 0x01 })]             // not an INTEGER
    [InlineData(new byte[] { 0x02, 0x01, 0x01, 0x00 })]       // trailing byte
    public void Decode_refuses_values_that_are_not_an_accuracy(byte[] value) => Assert.Null(TokenAccuracyExtension.TryDecode(value));

    [Fact]
    public void Dev_ca_binds_the_accuracy_and_TsaCertificate_reads_it()
    {
        using var ca = DevCertificateAuthority.Create("CN=Test Root,O=CC-TSA", TestTsa.Now.AddDays(-1), TestTsa.Now.AddYears(5));
        var key = new Ed25519TestSigner();
        var csr = new CsrBuilder("CN=CC-TSA Ed25519 epoch 1,O=CC-TSA", key.PublicKey);
        var terms = new TsaCertificateTerms(TestTsa.Now, TestTsa.Now.AddYears(1), new KeyEpoch(1), [.. SHA384.HashData("image"u8)], TimeSpan.FromSeconds(1));
        var der = ca.IssueTsaCertificate(csr.Complete(key.Sign(csr.ToBeSigned.Span)), terms).Value;
        Assert.Equal(TimeSpan.FromSeconds(1), TsaCertificate.Parse(der).TokenAccuracy);
        Assert.Null(TsaCertificateChain.Check(der, ca.CertificateDer, [], TestTsa.Now.AddDays(1)));
    }

    [Fact]
    public void Dev_ca_certifies_the_tsa_policies_and_TsaCertificate_reads_them()
    {
        using var ca = DevCertificateAuthority.Create("CN=Test Root,O=CC-TSA", TestTsa.Now.AddDays(-1), TestTsa.Now.AddYears(5));
        var key = new Ed25519TestSigner();
        var csr = new CsrBuilder("CN=CC-TSA Ed25519 epoch 1,O=CC-TSA", key.PublicKey);
        var terms = new TsaCertificateTerms(TestTsa.Now, TestTsa.Now.AddYears(1), new KeyEpoch(1), [.. SHA384.HashData("image"u8)],
            Policies: ["1.3.6.1.4.1.4146.2.3", "1.3.6.1.4.1.4146.2.4"]);
        var certificate = TsaCertificate.Parse(ca.IssueTsaCertificate(csr.Complete(key.Sign(csr.ToBeSigned.Span)), terms).Value);
        Assert.Equal(["1.3.6.1.4.1.4146.2.3", "1.3.6.1.4.1.4146.2.4"], certificate.CertificatePolicies!.Value.ToArray());
        Assert.True(certificate.Certifies("1.3.6.1.4.1.4146.2.4"));
        Assert.False(certificate.Certifies("1.3.6.1.4.1.4146.2.5"));
    }

    [Fact]
    public void Certificate_without_certificatePolicies_leaves_the_policy_open()
    {
        using var ca = DevCertificateAuthority.Create("CN=Test Root,O=CC-TSA", TestTsa.Now.AddDays(-1), TestTsa.Now.AddYears(5));
        var key = new Ed25519TestSigner();
        var csr = new CsrBuilder("CN=CC-TSA Ed25519 epoch 1,O=CC-TSA", key.PublicKey);
        var terms = new TsaCertificateTerms(TestTsa.Now, TestTsa.Now.AddYears(1), new KeyEpoch(1), [.. SHA384.HashData("image"u8)]);
        var certificate = TsaCertificate.Parse(ca.IssueTsaCertificate(csr.Complete(key.Sign(csr.ToBeSigned.Span)), terms).Value);
        Assert.Null(certificate.CertificatePolicies);
        Assert.True(certificate.Certifies("1.3.6.1.4.1.4146.2.5"));
    }
}
