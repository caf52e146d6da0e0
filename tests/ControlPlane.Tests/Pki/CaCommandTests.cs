using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Tests.Pki;

public sealed class CaCommandTests : IDisposable
{
    private readonly PkiFixture _pki = new(externalCa: true);
    private readonly TestExternalCa _ca = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Ca_csr_writes_the_pending_csr_and_ca_import_installs_and_records_the_certificate()
    {
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        var csrFile = Path.Combine(_pki.Data, "out.csr");

        Assert.Equal(ExitCodes.Ok, await CctsaCli.RunAsync(["ca", "csr", "--policy", "ed25519", "--out", csrFile, "--data", _pki.Data]));
        Assert.True(Pem.TryDecode(await File.ReadAllTextAsync(csrFile), Pem.CertificateRequest, out var csr));

        var certFile = Path.Combine(_pki.Data, "issued.pem");
        await File.WriteAllTextAsync(certFile, Pem.Encode(Pem.Certificate, _ca.Issue(csr)) + Pem.Encode(Pem.Certificate, _ca.RootDer));
        Assert.Equal(ExitCodes.Ok, await CctsaCli.RunAsync(["ca", "import", "--cert", certFile, "--data", _pki.Data]));

        Assert.Equal(1, _pki.Service.CurrentEpoch());
        await using var log = await SqliteEventLog.OpenAsync(_pki.Data);
        var events = await log.ReadAsync(0, 10);
        var issued = Assert.IsType<CertificateIssued>(Assert.Single(events).Data);
        Assert.Equal(new KeyEpoch(1), issued.Epoch);
        Assert.Equal("frost-ed25519", issued.Scheme);
        Assert.Equal(Convert.ToHexStringLower(_pki.Service.Current()!.CertHashSha256.AsSpan()), issued.FingerprintSha256Hex);
    }

    [Fact]
    public async Task Ca_import_of_a_wrong_certificate_exits_invalid_and_installs_nothing()
    {
        await _pki.Service.ProvisionEpochAsync(new KeyEpoch(1), _pki.Key.PublicKey, PkiFixture.Measurement, CancellationToken.None);
        var certFile = Path.Combine(_pki.Data, "wrong.pem");
        await File.WriteAllTextAsync(certFile, Pem.Encode(Pem.Certificate, _ca.RootDer));

        Assert.Equal(ExitCodes.Invalid, await CctsaCli.RunAsync(["ca", "import", "--cert", certFile, "--data", _pki.Data]));
        Assert.Null(_pki.Service.CurrentEpoch());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Ca_init_creates_the_dev_ca_once_prints_the_path_of_ca_pem_and_is_idempotent()
    {
        var data = Path.Combine(_pki.Data, "fresh");
        var layout = new ControlPlane.Pki.PkiLayout(data);

        var (first, firstOut) = await InitAsync(data);
        var pem = await File.ReadAllTextAsync(layout.CaCertificate);
        var (second, secondOut) = await InitAsync(data);

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (first, second));
        Assert.Equal(layout.CaCertificate, firstOut.Trim());
        Assert.Equal(layout.CaCertificate, secondOut.Trim());
        Assert.Equal(pem, await File.ReadAllTextAsync(layout.CaCertificate));
        Assert.True(new ControlPlane.Pki.CaStore(layout, TimeProvider.System).TryLoad(out var ca, out var error), error);
        ca.Dispose();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.CaKey));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Ca_init_over_a_key_readable_by_others_refuses_with_usage_error_and_keeps_the_files()
    {
        var data = Path.Combine(_pki.Data, "loose");
        var layout = new ControlPlane.Pki.PkiLayout(data);
        Assert.Equal(ExitCodes.Ok, (await InitAsync(data)).Exit);
        File.SetUnixFileMode(layout.CaKey, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var pem = await File.ReadAllTextAsync(layout.CaCertificate);

        Assert.Equal(ExitCodes.Usage, (await InitAsync(data)).Exit);
        Assert.Equal(pem, await File.ReadAllTextAsync(layout.CaCertificate));
    }

    private static async Task<(int Exit, string Output)> InitAsync(string data)
    {
        var output = new StringWriter();
        var exit = await CctsaCli.Build().Parse(["ca", "init", "--data", data])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = new StringWriter() });
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Ca_csr_without_pending_request_exits_with_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, await CctsaCli.RunAsync(["ca", "csr", "--out", Path.Combine(_pki.Data, "x.csr"), "--data", _pki.Data]));
    }

    [Fact]
    public async Task Ca_import_of_missing_file_exits_with_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, await CctsaCli.RunAsync(["ca", "import", "--cert", Path.Combine(_pki.Data, "absent.pem"), "--data", _pki.Data]));
    }
}
