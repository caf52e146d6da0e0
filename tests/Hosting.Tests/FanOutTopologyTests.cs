using System.Collections.Concurrent;
using CcTsa.Contracts.Hosting;
using CcTsa.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CcTsa.Hosting.Tests;

/// <summary>
/// The bus topology of several control planes on one RabbitMQ (issue 19): a fan-out consumer
/// (AddFanOutConsumer, a queue per instance) gets every published message in every instance; a
/// plain consumer shares one queue, so each message is handled by exactly one instance.
/// </summary>
public sealed class FanOutTopologyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_instances_each_get_every_fanned_out_message_and_share_the_competing_ones()
    {
        var amqp = new Uri(await TestServices.RabbitMqAsync());
        // one deployment (same prefix), two instances; the prefix keeps this run apart from others on the broker
        var deployment = "fan-" + Guid.NewGuid().ToString("N")[..8];
        var a = await StartAsync(amqp, deployment, "cp-a");
        var b = await StartAsync(amqp, deployment, "cp-b");
        var publisher = a.Host.Services.GetRequiredService<IPublishEndpoint>();
        var fanned = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var shared = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in shared) await publisher.Publish(new SharedProbe(deployment, id));
        foreach (var id in fanned) await publisher.Publish(new FanProbe(deployment, id));

        using (var cts = new CancellationTokenSource(Bound))
        {
            while (a.Received.Fanned.Count < 10 || b.Received.Fanned.Count < 10 || a.Received.Shared.Count + b.Received.Shared.Count < 10)
                await Task.Delay(50, cts.Token);
        }
        // stopping drains what is in flight: the counts below are final
        await a.Host.StopAsync();
        await b.Host.StopAsync();
        a.Host.Dispose();
        b.Host.Dispose();

        Assert.Equal(fanned.Order(), a.Received.Fanned.Order());
        Assert.Equal(fanned.Order(), b.Received.Fanned.Order());
        var handled = a.Received.Shared.Concat(b.Received.Shared).ToList();
        Assert.Equal(shared.Order(), handled.Order()); // each exactly once, by one of the two
    }

    [Fact]
    public void A_fan_out_consumer_without_an_instance_id_is_refused_by_name()
    {
        var services = new ServiceCollection();
        var e = Assert.Throws<ArgumentException>(() =>
            services.AddCctsaBus(new BusOptions(null), x => x.AddFanOutConsumer<FanConsumer>(new BusOptions(null))));
        Assert.Contains(nameof(FanConsumer), e.Message, StringComparison.Ordinal);
        Assert.Contains("InstanceId", e.Message, StringComparison.Ordinal);
    }

    private static async Task<(IHost Host, Received Received)> StartAsync(Uri amqp, string deployment, string instance)
    {
        var builder = Host.CreateApplicationBuilder();
        var received = new Received(deployment);
        builder.Services.AddSingleton(received);
        var options = new BusOptions(amqp) { EndpointPrefix = deployment, InstanceId = instance, StartTimeout = Bound };
        builder.Services.AddCctsaBus(options, x =>
        {
            x.AddFanOutConsumer<FanConsumer>(options);
            x.AddConsumer<SharedConsumer>();
        });
        var host = builder.Build();
        using var cts = new CancellationTokenSource(Bound);
        await host.StartAsync(cts.Token);
        return (host, received);
    }

    public sealed record FanProbe(string Deployment, Guid Id);

    public sealed record SharedProbe(string Deployment, Guid Id);

    public sealed class Received(string deployment)
    {
        public string Deployment => deployment;
        public ConcurrentBag<Guid> Fanned { get; } = [];
        public ConcurrentBag<Guid> Shared { get; } = [];
    }

    public sealed class FanConsumer(Received received) : IConsumer<FanProbe>
    {
        public Task Consume(ConsumeContext<FanProbe> context)
        {
            // the probe exchanges are broker-wide: a concurrent run's messages are not ours
            if (context.Message.Deployment == received.Deployment) received.Fanned.Add(context.Message.Id);
            return Task.CompletedTask;
        }
    }

    public sealed class SharedConsumer(Received received) : IConsumer<SharedProbe>
    {
        public Task Consume(ConsumeContext<SharedProbe> context)
        {
            if (context.Message.Deployment == received.Deployment) received.Shared.Add(context.Message.Id);
            return Task.CompletedTask;
        }
    }
}
