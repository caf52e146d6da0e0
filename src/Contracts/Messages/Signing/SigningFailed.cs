namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → control plane: the one failure answer to <see cref="SignTimestampBatch"/> and
/// <see cref="SignRawMessage"/> (Round = the request's Batch or Round). Retryable: another
/// coordinator or subset may succeed (slow or gone peer, clock excluded); otherwise this side is
/// below quorum or the request itself is refused. Culprits: peers whose shares failed
/// verification. Unresponsive: peers that did not answer (timed out, unreachable), for the next
/// coordinator to avoid. Detail is plain words for logs and operators, never payload bytes.
/// </summary>
public sealed record SigningFailed(
    RoundId Round,
    NodeId Coordinator,
    SigningFailureReason Reason,
    string Detail,
    bool Retryable,
    IReadOnlyList<NodeId> Culprits,
    IReadOnlyList<NodeId> Unresponsive);
