namespace CcTsa.Contracts.Messages.Signing;

/// <summary>Coordinator → control plane: the granted tokens of a batch (aggregated and verified).</summary>
public sealed record TimestampBatchSigned(RoundId Batch, NodeId Coordinator, int Epoch, IReadOnlyList<NodeId> Signers, IReadOnlyList<SignedTimestamp> Tokens);

/// <summary>
/// One granted token: ResponseDer is the whole TimeStampResp. The rest are the facts the control
/// plane records in TokenIssued (no need to re-parse).
/// </summary>
public sealed record SignedTimestamp(
    Guid RequestId,
    byte[] ResponseDer,
    string SerialHex,
    DateTimeOffset GenTime,
    string Policy,
    string ImprintAlgorithm,
    string ImprintHex,
    string TokenSha256Hex);
