using CcTsa.Contracts.Messages.Timestamp;
using MassTransit;

namespace CcTsa.Scenarios.Foundation;

/// <summary>
/// Stands in for the TSA front on the bus (the real one is Tsa/TimestampRequestedConsumer): an
/// empty request is rejected, anything else "issued" with the request bytes reversed, so the test
/// can check that bytes travel intact in both directions.
/// </summary>
public sealed class EchoTimestampConsumer : IConsumer<TimestampRequested>, IConsumer<TimestampBatchRequested>
{
    public Task Consume(ConsumeContext<TimestampRequested> context) =>
        Answer(context.Message) switch
        {
            TimestampIssued issued => context.RespondAsync(issued),
            var rejected => context.RespondAsync((TimestampRejected)rejected),
        };

    public Task Consume(ConsumeContext<TimestampBatchRequested> context)
    {
        var answers = context.Message.Items.Select(Answer).ToList();
        return context.RespondAsync(new TimestampBatchCompleted(context.Message.BatchId,
            answers.OfType<TimestampIssued>().ToList(), answers.OfType<TimestampRejected>().ToList()));
    }

    private static object Answer(TimestampRequested request) =>
        request.Request.Length == 0
            ? new TimestampRejected(request.RequestId, 5, "empty request", [0x30, 0x00])
            : new TimestampIssued(request.RequestId, request.Request.Reverse().ToArray(), request.Request.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
}
