namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → participant (pre-processing, off the critical path): publish Count fresh FROST
/// nonce commitments reserved for this coordinator. Each is used at most once.
/// </summary>
public sealed record RequestNonceCommitments(NodeId Coordinator, NodeId Participant, KeyEpoch Epoch, int Count);
