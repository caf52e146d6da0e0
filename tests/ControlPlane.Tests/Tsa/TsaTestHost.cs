using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Tests.Pki;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Rfc3161;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0) with the TSA front, a development CA under a
/// temporary data directory, the epoch-1 certificate provisioned through CertificateService, and
/// a single-key signing gateway.
/// </summary>
public sealed class TsaTestHost : IAsyncDisposable
{
    public const string Policy = "1.3.6.1.4.1.4146.2.3";
    public const string OtherPolicy = "1.3.6.1.4.1.4146.2.4";

    private readonly WebApplication _app;

    private TsaTestHost(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress };
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public SingleKeySigningGateway Gateway => Services.GetRequiredService<SingleKeySigningGateway>();

    public InMemoryIssuanceJournal Journal => Services.GetRequiredService<InMemoryIssuanceJournal>();

    public IssuanceService Issuance => Services.GetRequiredService<IssuanceService>();

    public CertificateService Certificates => Services.GetRequiredService<CertificateService>();

    public static async Task<TsaTestHost> StartAsync(Action<TsaFrontOptions>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cctsa-tsa-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var key = new TestGroupKey();
        builder.Services.AddTsaFront(new TsaPolicySet(Policy, OtherPolicy), new PkiOptions { DataDirectory = dataDirectory }, configure);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<IThresholdSigner>(key);
        builder.Services.AddSingleton<InMemoryIssuanceJournal>();
        builder.Services.AddSingleton<IIssuanceJournal>(sp => sp.GetRequiredService<InMemoryIssuanceJournal>());
        builder.Services.AddSingleton<InMemoryCertificateJournal>();
        builder.Services.AddSingleton<ICertificateJournal>(sp => sp.GetRequiredService<InMemoryCertificateJournal>());
        builder.Services.AddSingleton<SingleKeySigningGateway>();
        builder.Services.AddSingleton<ISigningGateway>(sp => sp.GetRequiredService<SingleKeySigningGateway>());
        var app = builder.Build();
        app.MapTsa();
        await app.StartAsync();

        await app.Services.GetRequiredService<CertificateService>()
            .ProvisionEpochAsync(new KeyEpoch(1), key.PublicKey, [.. SHA384.HashData("signer image"u8)], CancellationToken.None);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TsaTestHost(app, dataDirectory, new Uri(address));
    }

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType = TsaEndpoints.QueryMediaType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Client.PostAsync(new Uri("/tsa", UriKind.Relative), content);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        var key = Services.GetService<TestGroupKey>();
        await _app.StopAsync();
        await _app.DisposeAsync();
        key?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}
