namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → control plane: the batch could not be signed. Retryable = another coordinator or
/// subset may succeed (slow/gone peer); otherwise below quorum. Culprits: peers whose shares failed.
/// </summary>
public sealed record TimestampBatchFailed(RoundId Batch, NodeId Coordinator, string Reason, bool Retryable, IReadOnlyList<NodeId> Culprits);
