namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → control plane: the batch could not be signed. Retryable = another coordinator or
/// subset may succeed (slow/gone peer); otherwise below quorum. Culprits: peers whose shares failed.
/// Unresponsive: peers that did not answer (timed out, unreachable), for the next coordinator to avoid.
/// </summary>
public sealed record TimestampBatchFailed(RoundId Batch, NodeId Coordinator, string Reason, bool Retryable, IReadOnlyList<NodeId> Culprits,
    IReadOnlyList<NodeId>? Unresponsive = null);
