using CcTsa.Contracts.Hosting;
using CcTsa.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.Signer.Hosting;

/// <summary>
/// Bus of a `cctsa-signer` process: the shared <see cref="BusSetup"/> (the same one the control
/// plane uses), with what a separate signer process needs on top — a RabbitMQ broker (a separate
/// process can't share an in-memory bus) and its node id as EndpointPrefix, so that each node gets
/// its own copy of a published message. In the embedded `cctsa up` the in-process signers use the
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
        return services.AddCctsaBus(options, registerConsumers);
    }
}
