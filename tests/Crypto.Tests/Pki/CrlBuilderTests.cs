using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Tests.Rfc3161;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace CcTsa.Crypto.Tests.Pki;

public class CrlBuilderTests
{
    [Fact]
    public void Build_crl_carries_reasons_invalidity_date_and_number()
    {
        using var ca = DevCertificateAuthority.Create("CN=Root", TestTsa.Now.AddDays(-1), TestTsa.Now.AddYears(1));
        var compromised = TestTsa.Now.AddHours(-3);
        var der = new CrlBuilder()
            .AddRevocation(101, TestTsa.Now, CrlRevocationReason.KeyCompromise, compromised)
            .AddRevocation(102, TestTsa.Now, CrlRevocationReason.Superseded)
            .AddRevocation(103, TestTsa.Now, CrlRevocationReason.CessationOfOperation)
            .Build(ca, 42, TestTsa.Now, TestTsa.Now.AddDays(7));

        var crl = new X509CrlParser().ReadCrl(der);
        crl.Verify(new X509CertificateParser().ReadCertificate(ca.CertificateDer).GetPublicKey());
        var number = DerInteger.GetInstance(X509ExtensionUtilities.FromExtensionValue(crl.GetExtensionValue(X509Extensions.CrlNumber)));
        Assert.Equal(42, number.IntValueExact);
        Assert.Equal(CrlReason.KeyCompromise, Reason(crl, 101));
        Assert.Equal(CrlReason.Superseded, Reason(crl, 102));
        Assert.Equal(CrlReason.CessationOfOperation, Reason(crl, 103));
        var invalidity = Asn1GeneralizedTime.GetInstance(X509ExtensionUtilities.FromExtensionValue(
            crl.GetRevokedCertificate(Org.BouncyCastle.Math.BigInteger.ValueOf(101)).GetExtensionValue(X509Extensions.InvalidityDate)));
        Assert.Equal(compromised.UtcDateTime, invalidity.ToDateTime());
    }

    [Fact]
    public void AddRevocation_keyCompromise_without_compromise_time_throws() =>
        Assert.Throws<ArgumentException>(() => new CrlBuilder().AddRevocation(1, TestTsa.Now, CrlRevocationReason.KeyCompromise));

    [Fact]
    public void AddRevocation_with_compromise_after_revocation_throws() =>
        Assert.Throws<ArgumentException>(() => new CrlBuilder().AddRevocation(1, TestTsa.Now, CrlRevocationReason.KeyCompromise, TestTsa.Now.AddHours(1)));

    private static int Reason(X509Crl crl, long serial) =>
        CrlReason.GetInstance(X509ExtensionUtilities.FromExtensionValue(
            crl.GetRevokedCertificate(Org.BouncyCastle.Math.BigInteger.ValueOf(serial)).GetExtensionValue(X509Extensions.ReasonCode))).IntValueExact;
}
