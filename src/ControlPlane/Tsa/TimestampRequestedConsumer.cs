using CcTsa.Contracts.Messages.Timestamp;
using MassTransit;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Bus front of the TSA: one DER TimeStampReq in, TimestampIssued (after TokenIssued is durable)
/// or TimestampRejected (bad request, or fewer than t healthy signers) out — the same replies the
/// HTTP front gives. A fault in our own code becomes Fault&lt;TimestampRequested&gt;.
/// </summary>
public sealed class TimestampRequestedConsumer(TimestampFront front) : IConsumer<TimestampRequested>
{
    public async Task Consume(ConsumeContext<TimestampRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var reply = await front.HandleAsync(message.RequestId, message.Request ?? [], context.CancellationToken).ConfigureAwait(false);
        if (reply.TryGet(out var token, out var refusal))
            await context.RespondAsync(new TimestampIssued(message.RequestId, token.ResponseDer, token.Serial.ToHex())).ConfigureAwait(false);
        else
            await context.RespondAsync(RejectionRenderer.ToMessage(message.RequestId, refusal.Rejection, refusal.Response)).ConfigureAwait(false);
    }
}
