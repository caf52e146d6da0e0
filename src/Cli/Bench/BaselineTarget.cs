using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Attestation;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CcTsa.Cli.Bench;

/// <summary>
/// The bench-only mode of the embedded host: the same control-plane composition `cctsa up` runs
/// (HTTP front, micro-batching, TokenIssued group commit into SQLite) in a temporary data
/// directory, but batches are signed by <see cref="SingleKeySigningGateway"/> with one in-memory
/// key, and no signer runs (the attestation policy trusts only genuine AMD roots, so none could
/// join). It offers exactly the benched policy. Nothing but `cctsa bench` constructs it.
/// </summary>
public sealed class BaselineTarget : IBenchTarget
{
    private readonly WebApplication _app;
    private readonly SqliteEventLog _log;
    private readonly SingleKeyTokenSigner _signer;
    private readonly string _data;

    private BaselineTarget(WebApplication app, SqliteEventLog log, SingleKeyTokenSigner signer, string data)
    {
        _app = app;
        _log = log;
        _signer = signer;
        _data = data;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Tsa = new Uri(new Uri(address), "/tsa");
    }

    public string Name => "single-key baseline";

    public Uri Tsa { get; }

    public ReadOnlyMemory<byte> CaCertificateDer => _signer.CaCertificateDer;

    public static async Task<BaselineTarget> StartAsync(TsaPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var data = Directory.CreateTempSubdirectory("cctsa-bench-baseline-").FullName;
        SingleKeyTokenSigner? signer = null;
        SqliteEventLog? log = null;
        WebApplication? app = null;
        try
        {
            signer = SingleKeyTokenSigner.Create(policy);
            log = await SqliteEventLog.OpenAsync(data, ct: ct).ConfigureAwait(false);
            var settings = new HostSettings { Port = 0, DataDirectory = data, Embedded = true, QuietConsole = true, DefaultPolicy = policy };
            var nobody = new AttestationSettings(new SnpReportVerifier(), new AttestationPolicy());
            var key = signer;
            // registered after the composition's own: these win (last registration of a singleton)
            app = ControlPlaneHost.Build(settings, log, nobody, new FleetOptions(), services =>
            {
                services.AddSingleton<ISigningGateway>(sp => new SingleKeySigningGateway(key, sp.GetRequiredService<TimeProvider>()));
                services.AddSingleton(new TsaPolicySet(policy.Oid));
                services.AddSingleton<IPolicyAvailability>(new SingleKeyAvailability(policy));
            });
            await ControlPlaneHost.PrepareAsync(app, ct).ConfigureAwait(false);
            await app.StartAsync(ct).ConfigureAwait(false);
            return new BaselineTarget(app, log, signer, data);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync().ConfigureAwait(false);
            if (log is not null) await log.DisposeAsync().ConfigureAwait(false);
            signer?.Dispose();
            TempDirectory.Delete(data);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
        _signer.Dispose();
        TempDirectory.Delete(_data);
    }
}
