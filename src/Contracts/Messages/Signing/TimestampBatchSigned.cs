namespace CcTsa.Contracts.Messages.Signing;

/// <summary>Coordinator → control plane: the granted tokens of a batch (aggregated and verified).</summary>
public sealed record TimestampBatchSigned(RoundId Batch, NodeId Coordinator, KeyEpoch Epoch, IReadOnlyList<NodeId> Signers, IReadOnlyList<SignedTimestamp> Tokens);
