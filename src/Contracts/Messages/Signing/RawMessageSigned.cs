namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → control plane: the aggregated, verified signature (Ed25519: 64 bytes) over a <see cref="SignRawMessage"/>.
/// Unresponsive: peers that did not answer an attempt before another subset signed, or left out as quiet (as in <see cref="TimestampBatchSigned"/>).
/// </summary>
public sealed record RawMessageSigned(RoundId Round, NodeId Coordinator, KeyEpoch Epoch, IReadOnlyList<NodeId> Signers, byte[] Signature,
    IReadOnlyList<NodeId>? Unresponsive = null);
