using CcTsa.Contracts.Hosting;
using CcTsa.Signer.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.Signer.Tests.Hosting;

/// <summary>
/// A signer process refuses to start without a broker or without its node id as queue prefix.
/// Its RabbitMQ round trip with the control plane's bus runs in Scenarios/Foundation.
/// </summary>
public class SignerBusTests
{
    [Fact]
    public void Missing_amqp_uri_is_refused_with_a_hint_to_the_flag()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddSignerBus(new BusOptions(null) { EndpointPrefix = "n1" }, _ => { }));
        Assert.Contains("--amqp", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_node_prefix_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddSignerBus(new BusOptions(new Uri("amqp://guest:guest@127.0.0.1:5672/")), _ => { }));
        Assert.Contains("node id", ex.Message, StringComparison.Ordinal);
    }
}
