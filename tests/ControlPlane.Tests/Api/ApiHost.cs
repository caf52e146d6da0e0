using System.Net.Http.Headers;
using CcTsa.Contracts.Ids;
using System.Text;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Pki;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.Crypto.Attestation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.ControlPlane.Tests.Api;

/// <summary>
/// The real control plane composition (<see cref="ControlPlaneHost.Build"/>: SQLite log, in-memory
/// bus, no signers, faults API mapped) on a free port, with a key epoch 1 and its certificate
/// already in the log (notBefore <see cref="EpochNotBefore"/>), so operator calls can be made over HTTP.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string OperatorToken = "operator-token-for-tests-0123456789";
    public const string AuditorToken = "auditor-token-for-tests-0123456789";

    public static readonly DateTimeOffset EpochNotBefore = DateTimeOffset.UtcNow.AddHours(-1);

    private readonly SimulatedAmdRoot _root;

    private ApiHost(WebApplication app, SqliteEventLog log, SimulatedAmdRoot root, string data, Uri address)
    {
        App = app;
        Log = log;
        _root = root;
        DataDirectory = data;
        Address = address;
    }

    public WebApplication App { get; }

    public SqliteEventLog Log { get; }

    public string DataDirectory { get; }

    public Uri Address { get; }

    /// <summary>Starts a host listening on <paramref name="listen"/> (0.0.0.0 = not loopback), reached at 127.0.0.1.</summary>
    public static async Task<ApiHost> StartAsync(string listen = "127.0.0.1", Func<IEnumerable<object>>? seed = null, CcTsa.Crypto.Pki.TsaPolicy? defaultPolicy = null)
    {
        var data = Directory.CreateTempSubdirectory("cctsa-api-").FullName;
        var log = await SqliteEventLog.OpenAsync(data);
        await log.AppendAsync([
            new KeyEpochActivated(new KeyEpoch(1), "frost-ed25519", new string('c', 64), [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)], CeremonyId.New(), EpochNotBefore),
            new CertificateIssued(new KeyEpoch(1), "frost-ed25519", "01", "CN=test", new string('d', 64), "", EpochNotBefore, EpochNotBefore.AddYears(1)),
        ]);
        if (seed is not null) await log.AppendAsync([.. seed()]);
        var root = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow, rsaBits: 2048);
        var settings = new HostSettings
        {
            Port = 0,
            ListenAddress = listen,
            DataDirectory = data,
            Faults = true,
            QuietConsole = true,
            Credentials = new ApiCredentials(OperatorToken, AuditorToken),
            DefaultPolicy = defaultPolicy ?? CcTsa.Crypto.Pki.TsaPolicies.Ed25519,
        };
        var app = ControlPlaneHost.Build(settings, log,
            new AttestationSettings(new SnpReportVerifier(root.TrustAnchors), new AttestationPolicy { AllowSimulatedRoot = true }), new FleetOptions());
        await ControlPlaneHost.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new ApiHost(app, log, root, data, new UriBuilder(bound) { Host = "127.0.0.1" }.Uri);
    }

    /// <summary>A client sending <paramref name="token"/> as the bearer token (none when null).</summary>
    public HttpClient Client(string? token = null)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Every event of one type in the log.</summary>
    public async Task<IReadOnlyList<T>> EventsAsync<T>()
    {
        var found = new List<T>();
        await foreach (var e in Log.ReadAllAsync(0, CancellationToken.None))
            if (e.Data is T t) found.Add(t);
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Log.DisposeAsync();
        _root.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
