namespace CcTsa.Signer.Coordinator;

/// <summary>
/// A participant's answer to one round: its shares (serialized), or a refusal reason
/// (StaleCommitments: only our stock of its commitments was out of date; Late: our genTime reached it too old).
/// </summary>
public sealed record ParticipantAnswer(NodeId Participant, IReadOnlyList<byte[]>? Shares, string? RefusalReason, bool StaleCommitments = false, bool Late = false);
