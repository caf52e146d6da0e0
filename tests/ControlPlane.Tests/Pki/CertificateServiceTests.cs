using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CcTsa.ControlPlane.Tests.Pki;

public sealed class CertificateServiceTests : IDisposable
{
    private readonly PkiFixture _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Provision_below_quorum_is_a_value_naming_the_reason_and_leaves_no_csr_or_certificate()
    {
        _pki.Keys.Unavailable = new SigningUnavailable(Unavailability.BelowQuorum, "2 eligible signers for epoch-1, threshold 3");

        var provisioned = await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);

        Assert.False(provisioned.IsOk);
        Assert.Equal(Unavailability.BelowQuorum, provisioned.Error.Unsigned?.Why);
        Assert.Contains("threshold 3", provisioned.Error.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(_pki.Layout.EpochCsr(1)));
        Assert.Null(_pki.Service.ForEpoch(1));

        // once the fleet signs again, the same call provisions the epoch
        _pki.Keys.Unavailable = null;
        var retried = await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        Assert.IsType<TsaCertificate>(retried.Value.Installed);
    }

    [Fact]
    public async Task Provision_with_dev_ca_issues_epoch_certificate_for_the_group_key_from_a_csr_it_signed()
    {
        var outcome = (await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None)).Value;

        var certificate = Assert.IsType<TsaCertificate>(outcome.Installed);
        Assert.Null(outcome.PendingCsrPem);
        Assert.Equal(1, _pki.Key.CsrSignatures);
        Assert.Equal(_pki.Key.PublicKey, certificate.PublicKey.ToArray());
        Assert.Equal(1, certificate.Epoch?.Number);

        // the CSR's self-signature is the group key's proof of possession
        Assert.True(Pem.TryDecode(File.ReadAllText(_pki.Layout.EpochCsr(1)), Pem.CertificateRequest, out var csrDer));
        var csr = new Pkcs10CertificationRequest(csrDer);
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(_pki.Key.PublicKey));
        var info = csr.GetCertificationRequestInfo().GetDerEncoded();
        verifier.BlockUpdate(info, 0, info.Length);
        Assert.True(verifier.VerifySignature(csr.Signature.GetOctets()));

        var x509 = new X509CertificateParser().ReadCertificate(certificate.Der.ToArray());
        Assert.Contains(X509Extensions.ExtendedKeyUsage.Id, x509.GetCriticalExtensionOids());
        Assert.Equal([KeyPurposeID.id_kp_timeStamping.Id], x509.GetExtendedKeyUsage().Select(p => p.Id));
        Assert.True(Pem.TryDecode(_pki.Service.CaPem()!, Pem.Certificate, out var caDer));
        x509.Verify(new X509CertificateParser().ReadCertificate(caDer).GetPublicKey());

        var recorded = Assert.Single(_pki.Journal.Issued);
        Assert.Equal((new KeyEpoch(1), false), (recorded.Epoch, recorded.ExternalCa));
        Assert.Equal(1, _pki.Service.CurrentEpoch());
        Assert.Empty(_pki.Layout.PendingEpochs());
    }

    [Fact]
    public async Task Revoke_with_keyCompromise_lists_reason_and_compromise_time_in_the_signed_crl()
    {
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        var compromisedAt = DateTimeOffset.UtcNow.AddHours(-3);
        compromisedAt = compromisedAt.AddTicks(-(compromisedAt.Ticks % TimeSpan.TicksPerSecond));

        await _pki.Service.RevokeAsync(new KeyEpoch(1), CrlRevocationReason.KeyCompromise, compromisedAt, CancellationToken.None);

        var crl = ReadCrl();
        var entry = Assert.Single(crl.GetRevokedCertificates());
        var serial = new System.Numerics.BigInteger(_pki.Service.ForEpoch(1)!.SerialNumber.AsSpan(), isUnsigned: true, isBigEndian: true);
        Assert.Equal(serial.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.SerialNumber.ToString());
        Assert.Equal(1, DerEnumerated.GetInstance(Asn1Object.FromByteArray(entry.GetExtensionValue(X509Extensions.ReasonCode).GetOctets())).IntValueExact);
        var invalidity = Asn1GeneralizedTime.GetInstance(Asn1Object.FromByteArray(entry.GetExtensionValue(X509Extensions.InvalidityDate).GetOctets())).ToDateTime();
        Assert.Equal(compromisedAt.UtcDateTime, invalidity);
        var revoked = Assert.Single(_pki.Journal.Revoked);
        Assert.Equal((CrlRevocationReason.KeyCompromise, (DateTimeOffset?)compromisedAt), (revoked.Reason, revoked.CompromisedAt));
    }

    [Fact]
    public async Task Revoke_keyCompromise_without_compromise_time_is_refused()
    {
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => _pki.Service.RevokeAsync(new KeyEpoch(1), CrlRevocationReason.KeyCompromise, null, CancellationToken.None));
        Assert.Empty(_pki.Journal.Revoked);
    }

    [Theory]
    [InlineData(CrlRevocationReason.Superseded, 4)]
    [InlineData(CrlRevocationReason.CessationOfOperation, 5)]
    public async Task Routine_rotation_revocation_keeps_earlier_entries_and_grows_the_crl_number(CrlRevocationReason reason, int code)
    {
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(2), _pki.Keys.For(2).PublicKey, PkiFixture.Measurement, CancellationToken.None);
        await _pki.Service.RevokeAsync(new KeyEpoch(1), CrlRevocationReason.KeyCompromise, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);
        var firstNumber = CrlNumber(ReadCrl());

        await _pki.Service.RevokeAsync(new KeyEpoch(2), reason, null, CancellationToken.None);

        var crl = ReadCrl();
        Assert.Equal(2, crl.GetRevokedCertificates().Count);
        Assert.True(CrlNumber(crl) > firstNumber);
        var codes = crl.GetRevokedCertificates().Select(e => DerEnumerated.GetInstance(Asn1Object.FromByteArray(e.GetExtensionValue(X509Extensions.ReasonCode).GetOctets())).IntValueExact).Order();
        Assert.Equal(new[] { 1, code }.Order(), codes);
        Assert.Equal(2, _pki.Service.CurrentEpoch());
    }

    [Fact]
    public async Task Crl_before_any_revocation_is_signed_by_the_ca_and_empty()
    {
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        var crl = ReadCrl();
        Assert.Null(crl.GetRevokedCertificates());
        Assert.True(crl.NextUpdate > DateTime.UtcNow);
    }

    private X509Crl ReadCrl()
    {
        var der = _pki.Service.CrlDer();
        Assert.NotNull(der);
        var crl = new X509CrlParser().ReadCrl(der);
        Assert.True(Pem.TryDecode(_pki.Service.CaPem()!, Pem.Certificate, out var caDer));
        crl.Verify(new X509CertificateParser().ReadCertificate(caDer).GetPublicKey());
        return crl;
    }

    private static System.Numerics.BigInteger CrlNumber(X509Crl crl) =>
        new(DerInteger.GetInstance(Asn1Object.FromByteArray(crl.GetExtensionValue(X509Extensions.CrlNumber).GetOctets())).PositiveValue.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
}
