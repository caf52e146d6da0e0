using System.Collections.Immutable;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Crypto.Tests.Rfc3161;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Tests.Pki;

public sealed class DevCertificateAuthorityTests : IClassFixture<DevCertificateAuthorityTests.Ca>
{
    public sealed class Ca : IDisposable
    {
        public DevCertificateAuthority Value { get; } = DevCertificateAuthority.Create("CN=Test Root,O=CC-TSA", TestTsa.Now.AddDays(-1), TestTsa.Now.AddYears(5));
        public void Dispose() => Value.Dispose();
    }

    private static readonly ImmutableArray<byte> Measurement = [.. SHA384.HashData("image"u8)];
    private readonly DevCertificateAuthority _ca;

    public DevCertificateAuthorityTests(Ca ca) => _ca = ca.Value;

    private static TsaCertificateTerms Terms(int epoch = 3) => new(TestTsa.Now, TestTsa.Now.AddYears(1), new KeyEpoch(epoch), Measurement);

    private static (byte[] Csr, Ed25519TestSigner Key) Csr(string subject = "CN=CC-TSA Ed25519 epoch 3,O=CC-TSA")
    {
        var key = new Ed25519TestSigner();
        var builder = new CsrBuilder(subject, key.PublicKey);
        return (builder.Complete(key.Sign(builder.ToBeSigned.Span)), key);
    }

    [Fact]
    public void Create_root_is_self_signed_P384_ca()
    {
        var root = new X509CertificateParser().ReadCertificate(_ca.CertificateDer);
        root.Verify(root.GetPublicKey());
        Assert.Equal("1.2.840.10045.4.3.3", root.SigAlgOid);
        Assert.True(root.GetBasicConstraints() >= 0);
        Assert.Equal(384, ((Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters)root.GetPublicKey()).Parameters.Curve.FieldSize);
    }

    [Fact]
    public void Load_round_trips_through_pem()
    {
        Assert.True(DevCertificateAuthority.TryLoad(_ca.CertificatePem, _ca.ExportPrivateKeyPem(), out var loaded, out var error), error);
        using (loaded)
        {
            var (csr, key) = Csr();
            using (key)
                Assert.True(loaded.IssueTsaCertificate(csr, Terms()).IsOk);
        }
    }

    [Fact]
    public void Load_with_key_of_another_ca_is_refused()
    {
        using var other = DevCertificateAuthority.Create("CN=Other", TestTsa.Now, TestTsa.Now.AddYears(1));
        Assert.False(DevCertificateAuthority.TryLoad(_ca.CertificatePem, other.ExportPrivateKeyPem(), out _, out var error));
        Assert.Contains("does not match", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_with_garbage_is_refused() =>
        Assert.False(DevCertificateAuthority.TryLoad("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "nope", out _, out _));

    [Fact]
    public void ToString_is_redacted() => Assert.Equal("DevCertificateAuthority([redacted])", _ca.ToString());

    [Fact]
    public void Issue_tsa_certificate_has_the_rfc3161_profile()
    {
        var (csr, key) = Csr();
        using var _ = key;
        var der = _ca.IssueTsaCertificate(csr, Terms()).Value;
        var cert = new X509CertificateParser().ReadCertificate(der);
        cert.Verify(new X509CertificateParser().ReadCertificate(_ca.CertificateDer).GetPublicKey());
        var critical = cert.GetCriticalExtensionOids();
        Assert.Contains(X509Extensions.ExtendedKeyUsage.Id, critical);
        Assert.Contains(X509Extensions.KeyUsage.Id, critical);
        Assert.Equal([KeyPurposeID.id_kp_timeStamping], cert.GetExtendedKeyUsage());
        var usage = cert.GetKeyUsage();
        Assert.True(usage[0]);
        Assert.DoesNotContain(true, usage.Skip(1));
        Assert.Equal("CN=CC-TSA Ed25519 epoch 3,O=CC-TSA", cert.SubjectDN.ToString());

        var tsa = TsaCertificate.Parse(der);
        Assert.Equal(TokenSignatureAlgorithm.Ed25519, tsa.Algorithm);
        Assert.Equal(key.PublicKey, tsa.PublicKey.ToArray());
        Assert.Equal(new KeyEpoch(3), tsa.Epoch);
        Assert.Equal(Measurement.ToArray(), tsa.LaunchMeasurement!.Value.ToArray());
        Assert.DoesNotContain(ProjectOids.SignerBinding, critical);
    }

    [Fact]
    public void Issue_serials_are_unique()
    {
        var (csr, key) = Csr();
        using var _ = key;
        var a = TsaCertificate.Parse(_ca.IssueTsaCertificate(csr, Terms()).Value);
        var b = TsaCertificate.Parse(_ca.IssueTsaCertificate(csr, Terms()).Value);
        Assert.NotEqual(a.SerialNumber.ToArray(), b.SerialNumber.ToArray());
    }

    [Fact]
    public void Issue_with_csr_signed_by_another_key_is_refused_as_BadProofOfPossession()
    {
        using var key = new Ed25519TestSigner();
        using var impostor = new Ed25519TestSigner();
        var builder = new CsrBuilder("CN=x", key.PublicKey);
        var forged = Assert.Throws<ArgumentException>(() => builder.Complete(impostor.Sign(builder.ToBeSigned.Span)));
        Assert.Contains("signature", forged.Message, StringComparison.Ordinal);

        var csr = CsrWithSignature(builder, impostor.Sign(builder.ToBeSigned.Span));
        Assert.Equal(PkiFailure.BadProofOfPossession, _ca.IssueTsaCertificate(csr, Terms()).Error.Failure);
    }

    private static byte[] CsrWithSignature(CsrBuilder builder, byte[] signature)
    {
        var w = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteEncodedValue(builder.ToBeSigned.Span);
            using (w.PushSequence())
                w.WriteObjectIdentifier("1.3.101.112");
            w.WriteBitString(signature);
        }
        return w.Encode();
    }

    [Fact]
    public void Issue_with_garbage_csr_is_refused_as_MalformedRequest() =>
        Assert.Equal(PkiFailure.MalformedRequest, _ca.IssueTsaCertificate(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 }, Terms()).Error.Failure);

    [Fact]
    public void Issue_with_subject_without_cn_is_refused_as_BadSubject()
    {
        var (csr, key) = Csr("O=CC-TSA");
        using var _ = key;
        Assert.Equal(PkiFailure.BadSubject, _ca.IssueTsaCertificate(csr, Terms()).Error.Failure);
    }

    [Fact]
    public void Issue_beyond_ca_validity_is_refused_as_BadValidity()
    {
        var (csr, key) = Csr();
        using var _ = key;
        var terms = Terms() with { NotAfter = TestTsa.Now.AddYears(50) };
        Assert.Equal(PkiFailure.BadValidity, _ca.IssueTsaCertificate(csr, terms).Error.Failure);
    }

    [Fact]
    public void Issue_with_short_measurement_is_refused_as_BadMeasurement()
    {
        var (csr, key) = Csr();
        using var _ = key;
        Assert.Equal(PkiFailure.BadMeasurement, _ca.IssueTsaCertificate(csr, Terms() with { LaunchMeasurement = [1, 2, 3] }).Error.Failure);
    }
}
