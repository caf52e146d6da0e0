using CcTsa.Contracts.Messages.Timestamp;
using MassTransit;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Bus front for batches: every item goes through the same <see cref="TimestampFront"/> at once,
/// so they share micro-batches (one signing round, one group commit); the reply lists each
/// RequestId exactly once, as issued or rejected.
/// </summary>
public sealed class TimestampBatchRequestedConsumer(TimestampFront front) : IConsumer<TimestampBatchRequested>
{
    public async Task Consume(ConsumeContext<TimestampBatchRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var items = context.Message.Items ?? [];
        var replies = await Task.WhenAll(items.Select(i => front.HandleAsync(i.RequestId, i.Request ?? [], context.CancellationToken))).ConfigureAwait(false);
        var issued = new List<TimestampIssued>();
        var rejected = new List<TimestampRejected>();
        for (var i = 0; i < items.Count; i++)
        {
            var reply = replies[i];
            if (reply.TryGet(out var token, out var refusal))
                issued.Add(new TimestampIssued(items[i].RequestId, token.ResponseDer, token.Serial.ToHex()));
            else
                rejected.Add(RejectionRenderer.ToMessage(items[i].RequestId, refusal.Rejection, refusal.Response));
        }
        await context.RespondAsync(new TimestampBatchCompleted(context.Message.BatchId, issued, rejected)).ConfigureAwait(false);
    }
}
