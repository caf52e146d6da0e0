using CcTsa.Contracts.Messages.Fleet;
using MassTransit;

namespace CcTsa.Signer.Tests;

public class BusSerializationTests
{
    [Fact]
    public async Task NodeAnnounced_over_in_memory_bus_keeps_node_ids()
    {
        var tcs = new TaskCompletionSource<NodeAnnounced>();
        var bus = Bus.Factory.CreateUsingInMemory(cfg =>
        {
            cfg.ReceiveEndpoint("signer-n1", e => e.Handler<NodeAnnounced>(ctx => { tcs.TrySetResult(ctx.Message); return Task.CompletedTask; }));
        });
        await bus.StartAsync();
        await bus.Publish(new NodeAnnounced(NodeId.Parse("n3"), "azure", new byte[] { 1, 2 }, 1, true, false, new[] { NodeId.Parse("n2") }, DateTimeOffset.UtcNow));
        var m = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await bus.StopAsync();
        Assert.Equal("n3", m.Node.Value);
        Assert.Equal("n2", m.AttestedPeers[0].Value);
    }
}
