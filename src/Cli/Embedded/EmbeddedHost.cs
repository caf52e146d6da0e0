using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.Contracts.Events.Cluster;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CcTsa.Cli.Embedded;

/// <summary>The milestones of an embedded start, shown by `cctsa up` and awaited by tests.</summary>
public enum StartupStage
{
    StoreOpened,
    NodesAttested,
    KeyGenerated,
    CertificateInstalled,
    Serving,
}

/// <summary>
/// `cctsa up` in one object: SQLite log under the data directory, the control plane on the
/// in-memory bus, and the <see cref="EmbeddedFleet"/>. Starting it runs the first DKG (or, on a
/// restart, the quorum-loss path: shares were in memory only) and the certificate by itself.
/// </summary>
public sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly IEventLog _log;
    private readonly EmbeddedFleet _cluster;

    private EmbeddedHost(WebApplication app, IEventLog log, EmbeddedFleet cluster, int epochAtStart)
    {
        App = app;
        _log = log;
        _cluster = cluster;
        EpochAtStart = epochAtStart;
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public FleetState Fleet => Services.GetRequiredService<FleetState>();

    public ClusterStateTracker Health => Services.GetRequiredService<ClusterStateTracker>();

    public EmbeddedFleet Cluster => _cluster;

    /// <summary>The key epoch found in the log at start (0 on a fresh data directory).</summary>
    public int EpochAtStart { get; }

    /// <summary>The base address actually bound (useful with port 0).</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Opens the store, starts the control plane and the five nodes; returns once they are started (not yet signing).</summary>
    public static async Task<EmbeddedHost> StartAsync(HostSettings settings, Action<StartupStage>? progress, CancellationToken ct, EmbeddedOptions? options = null)
    {
        options ??= EmbeddedOptions.Default;
        ArgumentNullException.ThrowIfNull(settings);
        var log = await SqliteEventLog.OpenAsync(settings.DataDirectory, ct: ct).ConfigureAwait(false);
        progress?.Invoke(StartupStage.StoreOpened);
        EmbeddedFleet? cluster = null;
        try
        {
            cluster = await EmbeddedFleet.CreateAsync(settings.DataDirectory, settings.Faults, ct, options).ConfigureAwait(false);
            // in-process nodes always start without shares, so a restart need not wait out a heartbeat timeout
            var fleet = new FleetOptions { HeartbeatTimeout = TimeSpan.FromSeconds(10), StartupSettle = TimeSpan.FromSeconds(1), ParticipantsOutliveControlPlane = false }.WithEnvironmentTimings();
            if (options.ClockDriftReplaceAfter is { } replaceAfter) fleet = fleet with { ClockDriftReplaceAfter = replaceAfter };
            var embedded = cluster;
            var app = ControlPlaneHost.Build(settings with { Embedded = true }, log, cluster.Attestation, fleet,
                services => services.AddSingleton<INodeLifecycle>(embedded));
            await ControlPlaneHost.PrepareAsync(app, ct).ConfigureAwait(false);
            var host = new EmbeddedHost(app, log, cluster, app.Services.GetRequiredService<FleetState>().Epochs.Current);
            await app.StartAsync(ct).ConfigureAwait(false);
            await cluster.StartAllAsync(app.Services.GetRequiredService<IBus>(), app.Services.GetRequiredService<ILoggerFactory>(), ct,
                PinnedCa(app.Services)).ConfigureAwait(false);
            return host;
        }
        catch
        {
            if (cluster is not null) await cluster.DisposeAsync().ConfigureAwait(false);
            await log.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The nodes pin the dev CA before any certificate exists, so the control plane (a relay to
    // them) cannot later install a certificate from another CA. With an external CA its
    // certificate is not known yet: the nodes then pin on first install (weaker, see SECURITY.md).
    private static CcTsa.Signer.Coordinator.TsaCaPin? PinnedCa(IServiceProvider services)
    {
        if (services.GetRequiredService<CcTsa.ControlPlane.Pki.PkiOptions>().ExternalCa) return null;
        if (!services.GetRequiredService<CcTsa.ControlPlane.Pki.CaStore>().TryLoadOrCreate(out var ca, out var error))
            throw new InvalidOperationException("development CA unusable: " + error);
        using (ca) return CcTsa.Signer.Coordinator.TsaCaPin.FromDer(ca.CertificateDer);
    }

    /// <summary>
    /// Waits (bounded) until the cluster serves: five attested nodes, a key epoch newer than the one
    /// found at start, a certificate for every key of the epoch installed, state Healthy. Reports each milestone once.
    /// </summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout, Action<StartupStage>? progress, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var reached = StartupStage.StoreOpened;
        while (true)
        {
            var roster = Fleet.Roster;
            var epoch = Fleet.Epochs.Current;
            var next = reached;
            if (next == StartupStage.StoreOpened && roster.All.Count(v => v.Online && v.Attested) >= 5) next = StartupStage.NodesAttested;
            if (next == StartupStage.NodesAttested && epoch > EpochAtStart) next = StartupStage.KeyGenerated;
            if (next == StartupStage.KeyGenerated && CcTsa.ControlPlane.Health.Readiness.EveryKeyCertified(Fleet, epoch)) next = StartupStage.CertificateInstalled;
            if (next == StartupStage.CertificateInstalled && Health.Current == ClusterState.Healthy) next = StartupStage.Serving;
            for (var s = reached + 1; s <= next; s++) progress?.Invoke(s);
            reached = next;
            if (reached == StartupStage.Serving) return;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var engine = Services.GetRequiredService<RunbookEngine>();
                var open = string.Join("; ", engine.Incidents.Open.Select(i => i.Kind + ": " + (engine.StatusOf(i.Id) ?? "not evaluated yet")));
                var nodes = string.Join(" ", roster.All.Select(v => $"{v.Id}[online={v.Online},attested={v.Attested},epoch={v.EpochHeld},peers={v.AttestedPeers.Count}]"));
                throw new TimeoutException($"The embedded cluster did not reach {reached + 1} within {timeout.TotalSeconds:0} s (state {Health.Current}, epoch {epoch}; incidents: {open}; nodes: {nodes}).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync().ConfigureAwait(false);
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
    }
}
