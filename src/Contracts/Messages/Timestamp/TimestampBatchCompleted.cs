namespace CcTsa.Contracts.Messages.Timestamp;

/// <summary>
/// The outcome of every item of a <see cref="TimestampBatchRequested"/>: each RequestId appears
/// exactly once, either in <paramref name="Issued"/> or in <paramref name="Rejected"/>.
/// </summary>
public sealed record TimestampBatchCompleted(Guid BatchId, IReadOnlyList<TimestampIssued> Issued, IReadOnlyList<TimestampRejected> Rejected);
