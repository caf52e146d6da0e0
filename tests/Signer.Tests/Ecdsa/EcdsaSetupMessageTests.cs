using CcTsa.Contracts.Messages.Ceremonies;
using MassTransit;

namespace CcTsa.Signer.Tests.Ecdsa;

/// <summary>The pairwise-setup messages cross the bus intact (the node signature covers exactly these fields).</summary>
public class EcdsaSetupMessageTests
{
    [Fact]
    public async Task Setup_messages_round_trip_over_the_in_memory_bus()
    {
        var offered = new TaskCompletionSource<EcdsaPairSetupOffered>();
        var answered = new TaskCompletionSource<EcdsaPairSetupAnswered>();
        var bus = Bus.Factory.CreateUsingInMemory(cfg => cfg.ReceiveEndpoint("signer-n2", e =>
        {
            e.Handler<EcdsaPairSetupOffered>(ctx => { offered.TrySetResult(ctx.Message); return Task.CompletedTask; });
            e.Handler<EcdsaPairSetupAnswered>(ctx => { answered.TrySetResult(ctx.Message); return Task.CompletedTask; });
        }));
        await bus.StartAsync();
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri("queue:signer-n2"));
            var attempt = Guid.NewGuid();
            await endpoint.Send(new EcdsaPairSetupOffered(NodeId.Parse("n1"), NodeId.Parse("n2"), 3, [1, 2], attempt, null, [3], [4], [5], 42));
            await endpoint.Send(new EcdsaPairSetupAnswered(NodeId.Parse("n1"), NodeId.Parse("n2"), 3, [1, 2], attempt, attempt, [[6], [7]], [8]));
            var o = await offered.Task.WaitAsync(TimeSpan.FromSeconds(10));
            var a = await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal((attempt, (Guid?)null, 3, "n2", 42L), (o.Attempt, o.InReplyTo, o.Epoch, o.To.Value, o.Sequence));
            Assert.Equal([7], a.R[1]);
        }
        finally { await bus.StopAsync(); }
    }
}
