namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → participant (pre-processing, off the critical path): publish Count fresh FROST
/// nonce commitments reserved for this coordinator. Each is used at most once. Request numbers the
/// ask (the coordinator's own counter); the answer carries it back so that an answer from before the
/// coordinator forgot its stock (refresh, restart) is told apart from a fresh one.
/// </summary>
public sealed record RequestNonceCommitments(NodeId Coordinator, NodeId Participant, KeyEpoch Epoch, int Count, long Request = 0);
