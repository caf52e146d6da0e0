using CcTsa.Contracts.Hosting;
using CcTsa.Contracts.Messages.Timestamp;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.Hosting;

/// <summary>
/// The one bus setup of both executables: the MassTransit in-memory bus for the embedded `cctsa up`
/// (and the in-process signers it hosts), RabbitMQ for `cctsa serve` and every `cctsa-signer`.
/// Consumers, sagas and request clients are registered by the caller; everything about the
/// transport — naming, prefetch, concurrency, correlation — is decided here.
/// A signer process calls it through CcTsa.Signer.Hosting.SignerBus, which only adds the signer's
/// requirements (a broker, its node id as EndpointPrefix).
/// </summary>
public static class BusSetup
{
    public static IServiceCollection AddCctsaBus(this IServiceCollection services, BusOptions options, Action<IBusRegistrationConfigurator> registerConsumers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registerConsumers);

        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // Fail start-up when the broker is unreachable instead of serving requests that can't be signed.
            o.WaitUntilStarted = true;
            o.StartTimeout = options.StartTimeout;
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(x =>
        {
            // Queue names from consumer names (kebab-case), prefixed per process where several
            // processes must each receive a copy of a published message.
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, includeNamespace: false));
            if (options.TemporaryEndpoints)
                x.AddConfigureEndpointsCallback((_, _, endpoint) => MakeTemporary(endpoint));

            // No uninvited network calls: MassTransit would otherwise report usage telemetry to an
            // outside host at every start (issue 14 item 5). The bus talks only to the configured broker.
            x.DisableUsageTelemetry();

            registerConsumers(x);

            if (options.AmqpUri is null)
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                    DeclareCorrelation(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    // User, password and virtual host come from the URI.
                    cfg.Host(options.AmqpUri, h => h.PublisherConfirmation = true);
                    cfg.PrefetchCount = options.PrefetchCount;
                    cfg.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                    DeclareCorrelation(cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }

    /// <summary>
    /// A consumer every instance runs on a queue of its own (name suffixed with
    /// <see cref="BusOptions.InstanceId"/>, auto-deleted when the instance disconnects), so each of
    /// several control planes receives every published message — heartbeats, attestation reports,
    /// ceremony outcomes feed each instance's in-memory view. A consumer added with AddConsumer
    /// instead shares one durable queue among all instances (competing consumers: exactly one
    /// instance handles each message, e.g. a time-stamp request from the bus).
    /// </summary>
    public static void AddFanOutConsumer<T>(this IBusRegistrationConfigurator x, BusOptions options)
        where T : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        var instance = options.InstanceId
            ?? throw new ArgumentException($"{typeof(T).Name} fans out to every instance: BusOptions.InstanceId must name this one.", nameof(options));
        x.AddConsumer<T>().Endpoint(e =>
        {
            e.InstanceId = instance;
            // a dead instance's copy must not pile up on the broker: the queue goes with its connection
            e.Temporary = true;
        });
    }

    /// <summary>The message's own id becomes the bus CorrelationId, so traces and logs line up with the audit log.</summary>
    private static void DeclareCorrelation(IBusFactoryConfigurator cfg)
    {
        cfg.Send<TimestampRequested>(s => s.UseCorrelationId(m => m.RequestId));
        cfg.Send<TimestampIssued>(s => s.UseCorrelationId(m => m.RequestId));
        cfg.Send<TimestampRejected>(s => s.UseCorrelationId(m => m.RequestId));
        cfg.Send<TimestampBatchRequested>(s => s.UseCorrelationId(m => m.BatchId));
        cfg.Send<TimestampBatchCompleted>(s => s.UseCorrelationId(m => m.BatchId));
    }

    private static void MakeTemporary(IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.AutoDelete = true;
            rabbit.Durable = false;
        }
    }
}
