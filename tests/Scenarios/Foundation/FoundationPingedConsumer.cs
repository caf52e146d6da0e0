using MassTransit;

namespace CcTsa.Scenarios.Foundation;

/// <summary>Hands every received ping to the test; answers with a pong when asked by a request client.</summary>
public sealed class FoundationPingedConsumer(PingInbox inbox) : IConsumer<FoundationPinged>
{
    public async Task Consume(ConsumeContext<FoundationPinged> context)
    {
        inbox.Received.TrySetResult(context.Message);
        if (context.RequestId is not null)
            await context.RespondAsync(new FoundationPinged(context.Message.Id, "pong:" + context.Message.Text));
    }
}
