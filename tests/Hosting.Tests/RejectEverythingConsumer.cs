using CcTsa.Contracts.Messages.Timestamp;
using MassTransit;

namespace CcTsa.Hosting.Tests;

/// <summary>Answers every request with systemFailure, like a TSA below quorum.</summary>
public sealed class RejectEverythingConsumer : IConsumer<TimestampRequested>
{
    public Task Consume(ConsumeContext<TimestampRequested> context) =>
        context.RespondAsync(new TimestampRejected(context.Message.RequestId, 25, "below quorum", [0x30, 0x00]));
}
