using CcTsa.ControlPlane.Alerting;
using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.Dashboard;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Hosting;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Hosting;
using Prometheus;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// The one composition of the control plane for both modes: the event store (SQLite or
/// PostgreSQL), the bus (BusSetup), the TSA front and PKI, the fleet, the runbook engine, the
/// APIs, /metrics and traces. `cctsa up` adds the embedded signers; `cctsa serve` does not.
/// </summary>
public static class ControlPlaneHost
{
    /// <summary>The TSA policy of the FROST Ed25519 tokens (under the project's OID arc); the default of <see cref="HostSettings.DefaultPolicy"/>.</summary>
    public const string DefaultPolicy = ProjectOids.Arc + ".3.1";

    /// <summary>
    /// Every policy of <see cref="TsaPolicies"/> passes the parser, <paramref name="defaultPolicy"/>
    /// first; whether the fleet can sign under one now is <see cref="FleetPolicyAvailability"/>'s answer.
    /// </summary>
    public static TsaPolicySet PolicySet(TsaPolicy defaultPolicy)
    {
        ArgumentNullException.ThrowIfNull(defaultPolicy);
        return new TsaPolicySet(defaultPolicy.Oid, [.. TsaPolicies.All.Select(p => p.Oid)]);
    }

    /// <summary>Builds (not starts) the web application over an already opened event log.</summary>
    public static WebApplication Build(HostSettings settings, IEventLog log, AttestationSettings attestation, FleetOptions fleet, Action<IServiceCollection>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{settings.ListenAddress}:{settings.Port}");
        if (settings.QuietConsole)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning);
        }
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // the API speaks the same JSON as the audit log (one serializer)
            o.SerializerOptions.PropertyNamingPolicy = EventCodec.Options.PropertyNamingPolicy;
            foreach (var c in EventCodec.Options.Converters) o.SerializerOptions.Converters.Add(c);
        });

        var services = builder.Services;
        // first hosted service, so it stops last: the head at a graceful stop goes to anchors.jsonl
        services.AddSingleton(new AnchorJournal(settings.DataDirectory));
        services.AddSingleton<AuditChainStatus>();
        services.AddHostedService<ChainHeadRecorder>();
        services.AddSingleton<AuditChainGuard>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(log);
        services.AddSingleton(fleet);
        services.AddSingleton(attestation);
        services.AddSingleton(settings);
        // the one live read model, attached to the log in PrepareAsync and read by every component
        services.AddSingleton(new Projections.LiveProjections(log));
        // several instances may share the log: fleet observations are recorded by the leader only
        services.AddSingleton(sp => new FleetState(log, sp.GetRequiredService<Projections.LiveProjections>(), sp.GetRequiredService<ILeadership>()));
        services.AddHostedService<LogFollower>();
        services.AddSingleton<FleetMetrics>();
        services.AddSingleton<Dashboard.DashboardViewBuilder>();
        services.AddSingleton<SigningFailover>();
        services.AddSingleton<ClusterStateTracker>();
        services.AddSingleton<Health.StoreHealth>();
        services.AddSingleton<Health.Readiness>();
        services.AddSingleton<NodeAttestor>();
        services.AddSingleton<NodeMessageCheck>();
        services.AddSingleton<SignerCounters>();
        services.AddSingleton<CeremonyRunner>();
        services.AddSingleton<CertificateDistributor>();
        services.AddSingleton<FleetDirector>();
        services.AddHostedService(sp => sp.GetRequiredService<FleetDirector>());
        services.AddSingleton<SuspectedNodes>();
        services.AddSingleton<ISigningGateway, BusSigningGateway>();
        services.AddSingleton<IThresholdSigner, BusThresholdSigner>();
        services.AddSingleton<LogIssuanceJournal>();
        services.AddSingleton<IIssuanceJournal>(sp => sp.GetRequiredService<LogIssuanceJournal>());
        services.AddSingleton<ICertificateJournal, EventLogCertificateJournal>();
        services.AddSingleton<ChecklistRunner>();
        services.AddSingleton<RunbookActions>();
        services.AddSingleton<IRunbookActions>(sp => sp.GetRequiredService<RunbookActions>());
        services.AddSingleton<RunbookEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<RunbookEngine>());
        services.AddHostedService<LogIdentityBinder>();
        services.AddSingleton(settings.LogHead);
        services.AddSingleton(log as TransparencyLog.ILogTree ?? throw new ArgumentException($"{log.GetType().Name} keeps no Merkle tree (ILogTree): the transparency log needs one.", nameof(log)));
        services.AddSingleton<TransparencyLog.LogTreeReader>();
        services.AddSingleton<TransparencyLog.LogHeadService>();
        services.AddHostedService(sp => sp.GetRequiredService<TransparencyLog.LogHeadService>());
        // a factory, not an instance: the container then disposes it (releasing the lock) with the host
        services.AddSingleton<ILeadership>(_ => settings.PostgresConnection is { } pg ? new PostgresLeadership(pg) : new FileLeadership(settings.DataDirectory));
        services.AddSingleton<IPolicyAvailability, FleetPolicyAvailability>();
        services.AddSingleton<AlertingGauges>();
        services.AddAlerting(settings.AlertWebhooks, settings.AlertDelivery);
        services.AddTsaFront(PolicySet(settings.DefaultPolicy), new PkiOptions { DataDirectory = settings.DataDirectory });
        var bus = new BusOptions(settings.AmqpUri) { InstanceId = settings.InstanceId };
        services.AddCctsaBus(bus, x =>
        {
            // every instance keeps its own roster, attestation waiters and ceremony tallies (a
            // follower holds the answers of a ceremony it may have to settle as the next leader)
            x.AddFanOutConsumer<NodeAnnouncedConsumer>(bus);
            x.AddFanOutConsumer<CeremonyFinishedConsumer>(bus);
            x.AddFanOutConsumer<AttestationReportedConsumer>(bus);
            // a time-stamp request from the bus is answered once, by whichever instance takes it
            x.AddTsaConsumers();
        });
        services.AddCctsaTelemetry();
        var credentials = settings.Credentials ?? LoadOrCreateCredentials(settings.DataDirectory);
        services.AddSingleton(new ApiAccessOptions(credentials, ApiAccessRules.IsLoopback(settings.ListenAddress)));
        services.AddSingleton<AccessRefusals>();
        services.AddSingleton<ApiAccessGate>();
        services.AddBadRequestProblems();
        extra?.Invoke(services);

        var app = builder.Build();
        // after routing (added first by WebApplication), before every endpoint
        app.UseBadRequestProblems();
        app.UseApiAccessGate();
        app.MapTsa();
        app.MapClusterApi();
        app.MapPoliciesApi();
        app.MapHealthApi();
        app.MapEventsApi();
        app.MapIncidentsApi();
        app.MapTokensApi();
        app.MapAuditApi();
        app.MapLogApi();
        app.MapCaApi();
        app.MapDashboardApi();
        app.MapStreamApi();
        app.MapDashboard();
        if (settings.Faults) app.MapFaultsApi();
        app.MapMetrics("/metrics");
        return app;
    }

    /// <summary>The tokens of <paramref name="dataDirectory"/> (operator-token, auditor-token), created when absent.</summary>
    public static ApiCredentials LoadOrCreateCredentials(string dataDirectory)
    {
        var (op, au) = ApiCredentials.DefaultPaths(dataDirectory);
        return ApiCredentials.LoadOrCreate(op, au).Credentials;
    }

    /// <summary>
    /// Checks that the data folder belongs to the log (<see cref="LogIdentity"/>; throws
    /// <see cref="LogIdentityMismatchException"/> otherwise), then loads what the services fold from
    /// the log before anything runs (restart path).
    /// </summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sp = app.Services;
        // the data folder (CA, epoch certificates) must be this log's (issue 14); written on first start
        var identity = await LogIdentity.BindAsync(sp.GetRequiredService<IEventLog>(), sp.GetRequiredService<HostSettings>().DataDirectory, ct).ConfigureAwait(false);
        if (identity.Status == LogIdentityStatus.Mismatch)
            throw new LogIdentityMismatchException(identity.Message);
        // subscribed before the fold, so the gauges of deploy/prometheus/alerts.yml see the whole log
        sp.GetRequiredService<AlertingGauges>();
        await sp.GetRequiredService<Projections.LiveProjections>().AttachAsync(ct).ConfigureAwait(false);
        await sp.GetRequiredService<FleetState>().CatchUpAsync(ct).ConfigureAwait(false);
        await sp.GetRequiredService<ClusterStateTracker>().LoadAsync(ct).ConfigureAwait(false);
        await sp.GetRequiredService<LogIssuanceJournal>().LoadAsync(ct).ConfigureAwait(false);
        // before the bus delivers the first heartbeat: a lone control plane (or the first of several)
        // leads from the start, so no fleet observation goes unrecorded while nobody leads yet
        await sp.GetRequiredService<ILeadership>().TryAcquireAsync(ct).ConfigureAwait(false);
        // before anything serves: a broken log refuses issuance and raises an Emergency incident
        await sp.GetRequiredService<AuditChainGuard>().CheckAsync(ct).ConfigureAwait(false);
        var metrics = sp.GetRequiredService<FleetMetrics>();
        var health = sp.GetRequiredService<ClusterStateTracker>();
        metrics.ClusterState(health.Current);
        sp.GetRequiredService<FleetState>().Changed += () => metrics.ClusterState(health.Current);
    }
}
