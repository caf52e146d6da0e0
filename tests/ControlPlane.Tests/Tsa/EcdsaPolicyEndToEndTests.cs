using System.Net;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tests.Pki;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// Issue 15 through the control plane's own code: the CertificateService makes the epoch's ECDSA
/// certificate (CSR signed by the ECDSA stand-in key, dev CA, ecdsa policy), the TSA front takes an
/// `openssl ts -query -tspolicy` for the ecdsa policy over HTTP, and `openssl ts -verify` accepts
/// the reply with only /certs/ca.pem; a query without policy still gets an Ed25519 FROST token.
/// After the merge the lead points this at fleet-made tokens (the gateway stand-in goes away).
/// </summary>
public sealed class EcdsaPolicyEndToEndTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-ecdsa-e2e-").FullName;
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-ecdsa-openssl-").FullName;
    private readonly FrostSigningGroup _frost = new();
    private readonly TestEcdsaGroupKey _ecdsa = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var services = builder.Services;
        services.AddLogging();
        services.AddTsaFront(ControlPlaneHost.PolicySet(TsaPolicies.Ed25519), new PkiOptions { DataDirectory = _data });
        services.AddSingleton(_frost);
        services.AddSingleton<ITokenSigner>(_frost);
        services.AddSingleton<IThresholdSigner>(new TwoKeys(_frost, _ecdsa));
        services.AddSingleton<IIssuanceJournal, InMemoryIssuanceJournal>();
        services.AddSingleton<ICertificateJournal, InMemoryCertificateJournal>();
        services.AddSingleton(sp => new InProcessSigningGateway(_frost, sp.GetRequiredService<CertificateService>(), TimeProvider.System) { EcdsaSigner = _ecdsa });
        services.AddSingleton<ISigningGateway>(sp => sp.GetRequiredService<InProcessSigningGateway>());
        _app = builder.Build();
        _app.MapTsa();
        await _app.StartAsync();
        var certificates = _app.Services.GetRequiredService<CertificateService>();
        var measurement = SHA384.HashData("signer image"u8);
        Assert.True((await certificates.ProvisionEpochAsync(new KeyEpoch(1), _frost.PublicKey, [.. measurement], CancellationToken.None)).IsOk);
        var ecdsa = await certificates.ProvisionEpochAsync(new KeyEpoch(1), TsaPolicies.EcdsaP384.Scheme, _ecdsa.PublicKey, [.. measurement], CancellationToken.None);
        Assert.True(ecdsa.IsOk, ecdsa.IsOk ? null : ecdsa.Error.Detail);
        _http = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        await File.WriteAllTextAsync(Path.Combine(_dir, "data.txt"), "the document to time-stamp\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "ca.pem"), await _http.GetStringAsync(new Uri("/certs/ca.pem", UriKind.Relative)));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _frost.Dispose();
        _ecdsa.Dispose();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("-sha256")]
    [InlineData("-sha384")]
    [InlineData("-sha512")]
    public async Task Openssl_verifies_an_ecdsa_policy_token_from_the_tsa_front_with_only_the_ca(string digest)
    {
        var reply = await QueryAsync(digest, "-cert", "-tspolicy", TsaPolicies.EcdsaP384.Oid);
        var verified = await OpenSsl.RunAsync("ts", "-verify", "-data", Path.Combine(_dir, "data.txt"), "-in", reply, "-CAfile", Path.Combine(_dir, "ca.pem"));
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("Verification: OK", verified.Output, StringComparison.Ordinal);
        var text = await OpenSsl.RunAsync("ts", "-reply", "-in", reply, "-text");
        Assert.Contains("Policy OID: " + TsaPolicies.EcdsaP384.Oid, text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecdsa_token_without_certificate_verifies_with_the_policy_certificate_served_under_certs_policies()
    {
        var reply = await QueryAsync("-sha256", "-tspolicy", TsaPolicies.EcdsaP384.Oid);
        var tsaPem = Path.Combine(_dir, "tsa-ecdsa.pem");
        await File.WriteAllTextAsync(tsaPem, await _http.GetStringAsync(new Uri("/certs/policies/ecdsa-p384/tsa.pem", UriKind.Relative)));
        var verified = await OpenSsl.RunAsync("ts", "-verify", "-data", Path.Combine(_dir, "data.txt"), "-in", reply, "-CAfile", Path.Combine(_dir, "ca.pem"), "-untrusted", tsaPem);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Equal(await _http.GetStringAsync(new Uri("/certs/policies/ecdsa-p384/epochs/1.pem", UriKind.Relative)), await File.ReadAllTextAsync(tsaPem));
        using var unknown = await _http.GetAsync(new Uri("/certs/policies/rsa/tsa.pem", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Query_without_policy_gets_the_default_ed25519_token_under_the_frost_certificate()
    {
        var reply = await QueryAsync("-sha256", "-cert");
        var text = await OpenSsl.RunAsync("ts", "-reply", "-in", reply, "-text");
        Assert.Contains("Status: Granted.", text.Output, StringComparison.Ordinal);
        Assert.Contains("Policy OID: " + TsaPolicies.Ed25519.Oid, text.Output, StringComparison.Ordinal);
        var verdict = TokenVerifier.Verify(await File.ReadAllBytesAsync(reply), await File.ReadAllBytesAsync(Path.Combine(_dir, "data.txt")),
            new TokenVerificationOptions(Pem.DecodeAll(await File.ReadAllTextAsync(Path.Combine(_dir, "ca.pem")), Pem.Certificate)[0], null, null));
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Equal(TokenSignatureAlgorithm.Ed25519, verdict.Details!.Algorithm);
    }

    private async Task<string> QueryAsync(params string[] options)
    {
        var id = Guid.NewGuid().ToString("N");
        var query = Path.Combine(_dir, id + ".tsq");
        var reply = Path.Combine(_dir, id + ".tsr");
        var made = await OpenSsl.RunAsync(["ts", "-query", "-data", Path.Combine(_dir, "data.txt"), .. options, "-out", query]);
        Assert.True(made.ExitCode == 0, made.Output);
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(query));
        body.Headers.ContentType = new(TsaEndpoints.QueryMediaType);
        using var response = await _http.PostAsync(new Uri("/tsa", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await File.WriteAllBytesAsync(reply, await response.Content.ReadAsByteArrayAsync());
        return reply;
    }

    /// <summary>The epoch's two threshold keys as the fleet answers SignRawMessage by Scheme.</summary>
    private sealed class TwoKeys(FrostSigningGroup frost, TestEcdsaGroupKey ecdsa) : IThresholdSigner
    {
        public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
            frost.SignAsync(epoch, message, cancellationToken);

        public Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, string scheme, ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
            scheme == TsaPolicies.EcdsaP384.Scheme
                ? Task.FromResult<Result<byte[], SigningUnavailable>>(ecdsa.Sign(message.Span))
                : frost.SignAsync(epoch, message, cancellationToken);
    }
}
