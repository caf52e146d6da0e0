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
/// an in-process gateway signing with a 3-of-5 FROST group.
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

    /// <summary>Warnings and errors the server logged, and a way to wait for a given event id.</summary>
    public CapturedLogs Logs { get; private init; } = new();

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public InProcessSigningGateway Gateway => Services.GetRequiredService<InProcessSigningGateway>();

    public InMemoryIssuanceJournal Journal => Services.GetRequiredService<InMemoryIssuanceJournal>();

    public IssuanceService Issuance => Services.GetRequiredService<IssuanceService>();

    public CertificateService Certificates => Services.GetRequiredService<CertificateService>();

    public static async Task<TsaTestHost> StartAsync(Action<TsaFrontOptions>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cctsa-tsa-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        AddTestTsa(builder.Services, dataDirectory, configure);
        var app = builder.Build();
        app.MapTsa();
        await app.StartAsync();

        await ProvisionEpochOneAsync(app.Services);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TsaTestHost(app, dataDirectory, new Uri(address)) { Logs = logs };
    }

    /// <summary>The TSA front with its ports filled for tests: a 3-of-5 FROST group signing in process, in-memory journals.</summary>
    public static IServiceCollection AddTestTsa(IServiceCollection services, string dataDirectory, Action<TsaFrontOptions>? configure = null)
    {
        var group = new FrostSigningGroup();
        services.AddLogging();
        services.AddTsaFront(new TsaPolicySet(Policy, OtherPolicy), new PkiOptions { DataDirectory = dataDirectory }, configure);
        services.AddSingleton(group);
        services.AddSingleton<ITokenSigner>(group);
        services.AddSingleton<IThresholdSigner>(group);
        services.AddSingleton<InMemoryIssuanceJournal>();
        services.AddSingleton<IIssuanceJournal>(sp => sp.GetRequiredService<InMemoryIssuanceJournal>());
        services.AddSingleton<InMemoryCertificateJournal>();
        services.AddSingleton<ICertificateJournal>(sp => sp.GetRequiredService<InMemoryCertificateJournal>());
        services.AddSingleton<InProcessSigningGateway>();
        services.AddSingleton<ISigningGateway>(sp => sp.GetRequiredService<InProcessSigningGateway>());
        return services;
    }

    /// <summary>Epoch 1's certificate from the development CA, for the key registered by <see cref="AddTestTsa"/>.</summary>
    public static Task ProvisionEpochOneAsync(IServiceProvider services) =>
        services.GetRequiredService<CertificateService>().ProvisionEpochAsync(
            new KeyEpoch(1), services.GetRequiredService<FrostSigningGroup>().PublicKey, [.. SHA384.HashData("signer image"u8)], CancellationToken.None);

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
        var group = Services.GetService<FrostSigningGroup>();
        await _app.StopAsync();
        await _app.DisposeAsync();
        group?.Dispose();
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
