using CcTsa.Contracts.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.Signer.Hosting;

/// <summary>
/// Bus of a `cctsa-signer` process: always RabbitMQ (a separate process can't share an in-memory
/// bus). Mirrors the RabbitMQ branch of the control plane's BusSetup with the same
/// <see cref="BusOptions"/>; it is duplicated on purpose because Signer must not reference
/// ControlPlane (docs/ARCHITECTURE.md). In the embedded `cctsa up` the in-process signers use the
/// control plane's in-memory bus instead and never call this.
/// </summary>
public static class SignerBus
{
    public static IServiceCollection AddSignerBus(this IServiceCollection services, BusOptions options, Action<IBusRegistrationConfigurator> registerConsumers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registerConsumers);
        if (options.AmqpUri is null)
            throw new ArgumentException("A signer process needs a RabbitMQ broker (--amqp amqp://user:password@host:5672/).", nameof(options));
        if (string.IsNullOrEmpty(options.EndpointPrefix))
            throw new ArgumentException("A signer process needs its node id as EndpointPrefix, so each node gets its own queues.", nameof(options));

        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = options.StartTimeout;
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, includeNamespace: false));
            if (options.TemporaryEndpoints)
            {
                x.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        rabbit.AutoDelete = true;
                        rabbit.Durable = false;
                    }
                });
            }

            registerConsumers(x);

            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(options.AmqpUri, h => h.PublisherConfirmation = true);
                cfg.PrefetchCount = options.PrefetchCount;
                cfg.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
