namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Participant → coordinator: the answer to a <see cref="RequestNonceCommitments"/> the participant
/// will not serve, because the named coordinator already holds its quota of unused commitments (or
/// the pool has no room left outside the participant's own reserve). The coordinator should use the
/// stock it has and ask again later; commitments unused after the participant's time-to-live stop
/// counting. Reason is plain words with counts, never payload bytes.
/// </summary>
public sealed record NonceCommitmentsRefused(NodeId Participant, NodeId Coordinator, KeyEpoch Epoch, string Reason);
