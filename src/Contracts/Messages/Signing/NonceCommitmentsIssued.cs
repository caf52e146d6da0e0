namespace CcTsa.Contracts.Messages.Signing;

/// <summary>Participant → coordinator: serialized public SigningCommitments, each usable once.</summary>
public sealed record NonceCommitmentsIssued(NodeId Participant, NodeId Coordinator, KeyEpoch Epoch, IReadOnlyList<byte[]> Commitments);
