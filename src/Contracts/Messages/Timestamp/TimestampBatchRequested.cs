namespace CcTsa.Contracts.Messages.Timestamp;

/// <summary>
/// Many requests in one bus message: a round trip through the broker costs far more than one
/// signature, so clients aiming at thousands of tokens per second send batches. Answered with one
/// <see cref="TimestampBatchCompleted"/> that has exactly one outcome per item.
/// </summary>
/// <param name="BatchId">Correlation id of the batch (each item keeps its own RequestId).</param>
public sealed record TimestampBatchRequested(Guid BatchId, IReadOnlyList<TimestampRequested> Items);
