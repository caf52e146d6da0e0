namespace CcTsa.Contracts.Messages.Signing;

/// <summary>Participant → coordinator: serialized public SigningCommitments, each usable once, answering the coordinator's request number Request.</summary>
public sealed record NonceCommitmentsIssued(NodeId Participant, NodeId Coordinator, KeyEpoch Epoch, IReadOnlyList<byte[]> Commitments, long Request = 0);
