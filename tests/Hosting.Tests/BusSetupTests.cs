using CcTsa.Contracts.Hosting;
using CcTsa.Contracts.Messages.Timestamp;
using CcTsa.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CcTsa.Hosting.Tests;

/// <summary>BusSetup without a broker URI: the in-memory transport of the embedded `cctsa up`.</summary>
public class BusSetupTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Null_amqp_uri_gives_a_working_in_memory_bus_with_request_response()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCctsaBus(new BusOptions(null), x =>
        {
            x.AddConsumer<RejectEverythingConsumer>();
            x.AddRequestClient<TimestampRequested>(RequestTimeout.After(s: 30));
        });
        using var host = builder.Build();
        using var cts = new CancellationTokenSource(Bound);
        await host.StartAsync(cts.Token);

        var request = new TimestampRequested(Guid.NewGuid(), [0x30, 0x00]);
        var response = await host.Services.GetRequiredService<IRequestClient<TimestampRequested>>()
            .GetResponse<TimestampRejected>(request, cts.Token);

        Assert.Equal(request.RequestId, response.Message.RequestId);
        Assert.Equal(request.RequestId, response.CorrelationId);
        Assert.Equal("loopback", host.Services.GetRequiredService<IBus>().Address.Scheme); // MassTransit's in-memory transport
        await host.StopAsync(cts.Token);
    }

    [Fact]
    public void Null_options_or_callback_are_refused()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentNullException>(() => services.AddCctsaBus(null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => services.AddCctsaBus(new BusOptions(null), null!));
    }
}
