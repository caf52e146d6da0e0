namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → participant: one of the two message-bound opening rounds of a threshold
/// ML-DSA-65 signing run over k items with exactly three signers (the third round, the response,
/// is the ordinary <see cref="ProduceSignatureShares"/>, after the participant's own checks of every
/// item). Step 1 (commit): open k sessions (Run, item i + 1, Signers) and answer their 32-byte
/// commitments. Step 2 (reveal): Messages are the k messages to be signed and Commitments, per
/// item, every signer's commitment in ascending node order; answer the k revealed W (273,792 bytes
/// each). Public data only. Answered by <see cref="MlDsaRoundAnswered"/> with the same Run and Step.
/// </summary>
public sealed record MlDsaRoundRequested(RoundId Run, NodeId Coordinator, NodeId Participant, KeyEpoch Epoch, int Step, int Count,
    IReadOnlyList<NodeId> Signers, IReadOnlyList<byte[]> Messages, IReadOnlyList<IReadOnlyList<byte[]>> Commitments);

/// <summary>
/// Participant → coordinator: its k commitments (step 1) or reveals (step 2), in item order; or
/// Failure and the Culprits the checks blame (a commitment missing or malformed names its signer).
/// </summary>
public sealed record MlDsaRoundAnswered(RoundId Run, NodeId Participant, NodeId Coordinator, int Step, IReadOnlyList<byte[]> Items,
    string? Failure = null, IReadOnlyList<NodeId>? Culprits = null);
