using CcTsa.Cli.Commands;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tests.Pki;

/// <summary>
/// With an external CA both keys of an epoch wait for a certificate: `cctsa ca csr --policy
/// ecdsa-p384` exports the ECDSA CSR (the FROST one stays the default), and `cctsa ca import`
/// installs an ECDSA certificate for the CSR whose key it carries, recorded with Scheme ecdsa-p384;
/// the FROST CSR stays pending until its own certificate comes.
/// </summary>
public sealed class EcdsaExternalCaTests : IDisposable
{
    private readonly PkiFixture _pki = new(externalCa: true);
    private readonly TestExternalCa _ca = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Ca_csr_policy_ecdsa_then_import_installs_the_ecdsa_certificate_only()
    {
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), "ecdsa-p384", _pki.Keys.EcdsaFor(1).PublicKey, PkiFixture.Measurement, CancellationToken.None);
        Assert.Equal([(1, "ecdsa-p384"), (1, "frost-ed25519")], _pki.Layout.PendingRequests());

        var csrFile = Path.Combine(_pki.Data, "ecdsa.csr");
        Assert.Equal(ExitCodes.Ok, await CctsaCli.RunAsync(["ca", "csr", "--policy", "ecdsa-p384", "--out", csrFile, "--data", _pki.Data]));
        Assert.True(Pem.TryDecode(await File.ReadAllTextAsync(csrFile), Pem.CertificateRequest, out var csr));
        Assert.Equal(ExitCodes.Usage, await CctsaCli.RunAsync(["ca", "csr", "--policy", "rsa", "--out", csrFile, "--data", _pki.Data]));

        var certFile = Path.Combine(_pki.Data, "issued.pem");
        await File.WriteAllTextAsync(certFile, Pem.Encode(Pem.Certificate, _ca.Issue(csr)) + Pem.Encode(Pem.Certificate, _ca.RootDer));
        Assert.Equal(ExitCodes.Ok, await CctsaCli.RunAsync(["ca", "import", "--cert", certFile, "--data", _pki.Data]));

        var installed = _pki.Service.ForEpoch(1, "ecdsa-p384");
        Assert.NotNull(installed);
        Assert.Equal(TokenSignatureAlgorithm.EcdsaP384Sha384, installed.Algorithm);
        Assert.Null(_pki.Service.ForEpoch(1));
        Assert.Equal([(1, "frost-ed25519")], _pki.Layout.PendingRequests());
        await using var log = await SqliteEventLog.OpenAsync(_pki.Data);
        var issued = Assert.IsType<CertificateIssued>(Assert.Single(await log.ReadAsync(0, 10)).Data);
        Assert.Equal("ecdsa-p384", issued.Scheme);
        Assert.Equal(new KeyEpoch(1), issued.Epoch);
    }
}
