namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → participant: co-sign one <see cref="SignRawMessage"/> (e.g. a CSR's
/// CertificationRequestInfo). Commitments: the serialized SigningCommitments of every chosen signer.
/// Answered with <see cref="SignatureSharesProduced"/> (one share) or <see cref="SignatureSharesRefused"/>.
/// </summary>
public sealed record ProduceRawSignatureShare(RoundId Round, NodeId Coordinator, NodeId Participant, int Epoch, IReadOnlyList<NodeId> Signers, string Purpose, byte[] Message, IReadOnlyList<byte[]> Commitments);
