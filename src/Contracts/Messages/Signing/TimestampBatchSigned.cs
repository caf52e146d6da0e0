namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → control plane: the granted tokens of a batch (aggregated and verified). Unresponsive:
/// peers that did not answer an attempt before another subset signed, or that the coordinator left out
/// because it had not heard from them for two probe beats, so the control plane steers the
/// next batches of every coordinator away from them (as for <see cref="SigningFailed"/>) instead of
/// each coordinator waiting out its own timeout on a node that just died.
/// </summary>
public sealed record TimestampBatchSigned(RoundId Batch, NodeId Coordinator, KeyEpoch Epoch, IReadOnlyList<NodeId> Signers, IReadOnlyList<SignedTimestamp> Tokens,
    IReadOnlyList<NodeId>? Unresponsive = null);
