using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.Crypto.Pki;
using Org.BouncyCastle.Asn1.X509;

namespace CcTsa.ControlPlane.Tests.Pki;

public sealed class ExternalCaImportTests : IDisposable
{
    private readonly PkiFixture _pki = new(externalCa: true);
    private readonly TestExternalCa _ca = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Provision_with_external_ca_leaves_the_csr_pending_and_installs_nothing()
    {
        var outcome = (await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None)).Value;

        Assert.Null(outcome.Installed);
        Assert.True(Pem.TryDecode(outcome.PendingCsrPem!, Pem.CertificateRequest, out _));
        Assert.Equal([1], _pki.Layout.PendingEpochs());
        Assert.Null(_pki.Service.CurrentTsaPem());
        Assert.Null(_pki.Service.CrlDer());
        Assert.Empty(_pki.Journal.Issued);
    }

    [Fact]
    public async Task Import_of_matching_certificate_with_chain_installs_it_for_the_pending_epoch()
    {
        var csr = await PendingCsrAsync();
        var bundle = Pem.Encode(Pem.Certificate, _ca.Issue(csr)) + Pem.Encode(Pem.Certificate, _ca.RootDer);

        var result = await _pki.Service.ImportAsync(bundle, CancellationToken.None);

        Assert.True(result.IsOk, result.IsOk ? "" : result.Error.Message);
        Assert.Equal(1, result.Value.Epoch.Number);
        Assert.Equal(1, _pki.Service.CurrentEpoch());
        Assert.Equal(_pki.Key.PublicKey, _pki.Service.Current()!.PublicKey.ToArray());
        Assert.Empty(_pki.Layout.PendingEpochs());
        Assert.True(Pem.TryDecode(_pki.Service.CaPem()!, Pem.Certificate, out var served));
        Assert.Equal(_ca.RootDer, served);
        var recorded = Assert.Single(_pki.Journal.Issued);
        Assert.True(recorded.ExternalCa);
        Assert.Equal(1, recorded.Epoch.Number);
    }

    [Fact]
    public async Task Import_with_noncritical_eku_is_refused_with_BadKeyUsage()
    {
        var csr = await PendingCsrAsync();
        var result = await _pki.Service.ImportAsync(Pem.Encode(Pem.Certificate, _ca.Issue(csr, ekuCritical: false)), CancellationToken.None);
        AssertRefused(result.IsOk ? null : result.Error, ImportFailure.BadKeyUsage);
    }

    [Fact]
    public async Task Import_with_extra_key_purpose_is_refused_with_BadKeyUsage()
    {
        var csr = await PendingCsrAsync();
        var cert = _ca.Issue(csr, purposes: [KeyPurposeID.id_kp_timeStamping, KeyPurposeID.id_kp_codeSigning]);
        var result = await _pki.Service.ImportAsync(Pem.Encode(Pem.Certificate, cert), CancellationToken.None);
        AssertRefused(result.IsOk ? null : result.Error, ImportFailure.BadKeyUsage);
    }

    [Fact]
    public async Task Import_with_other_subject_is_refused_with_SubjectMismatch()
    {
        var csr = await PendingCsrAsync();
        var cert = _ca.Issue(csr, subjectOverride: "CN=Someone Else,O=Elsewhere");
        var result = await _pki.Service.ImportAsync(Pem.Encode(Pem.Certificate, cert), CancellationToken.None);
        AssertRefused(result.IsOk ? null : result.Error, ImportFailure.SubjectMismatch);
    }

    [Fact]
    public async Task Import_of_certificate_for_another_key_is_refused_with_KeyMismatch()
    {
        await PendingCsrAsync();
        using var other = new PkiFixture(externalCa: true);
        await other.Service.ProvisionEpochAsync(new KeyEpoch(1), other.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        Assert.True(Pem.TryDecode(other.Service.PendingCsrPem()!, Pem.CertificateRequest, out var otherCsr));

        var result = await _pki.Service.ImportAsync(Pem.Encode(Pem.Certificate, _ca.Issue(otherCsr)), CancellationToken.None);
        AssertRefused(result.IsOk ? null : result.Error, ImportFailure.KeyMismatch);
    }

    [Fact]
    public async Task Import_with_a_chain_that_did_not_sign_it_is_refused_with_BadChain()
    {
        var csr = await PendingCsrAsync();
        var bundle = Pem.Encode(Pem.Certificate, _ca.Issue(csr)) + Pem.Encode(Pem.Certificate, new TestExternalCa("CN=Impostor").RootDer);
        var result = await _pki.Service.ImportAsync(bundle, CancellationToken.None);
        AssertRefused(result.IsOk ? null : result.Error, ImportFailure.BadChain);
    }

    [Fact]
    public async Task Import_without_pending_csr_is_refused_with_NoPendingRequest()
    {
        var result = await _pki.Service.ImportAsync(Pem.Encode(Pem.Certificate, _ca.RootDer), CancellationToken.None);
        AssertRefused(result.IsOk ? null : result.Error, ImportFailure.NoPendingRequest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pem at all")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public async Task Import_of_unreadable_input_is_refused_with_Unreadable(string text)
    {
        await PendingCsrAsync();
        var result = await _pki.Service.ImportAsync(text, CancellationToken.None);
        AssertRefused(result.IsOk ? null : result.Error, ImportFailure.Unreadable);
    }

    private async Task<byte[]> PendingCsrAsync()
    {
        var outcome = (await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None)).Value;
        Assert.True(Pem.TryDecode(outcome.PendingCsrPem!, Pem.CertificateRequest, out var csr));
        return csr;
    }

    private void AssertRefused(ImportError? error, ImportFailure expected)
    {
        Assert.NotNull(error);
        Assert.Equal(expected, error.Failure);
        Assert.Empty(_pki.Journal.Issued);
        Assert.Null(_pki.Service.CurrentTsaPem());
    }
}
