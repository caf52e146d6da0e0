namespace CcTsa.Contracts.Messages.Signing;

/// <summary>Participant → coordinator: one serialized SignatureShare per item, in order.</summary>
public sealed record SignatureSharesProduced(RoundId Round, NodeId Participant, IReadOnlyList<byte[]> Shares);
