namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → participant: one round for a batch. For each item the participant checks that
/// SignedAttributes' message-digest is the hash of TstInfo, that genTime is within the accuracy
/// bound of its own trusted clock and the policy is offered, then answers with one share per item.
/// Commitments are the serialized SigningCommitments of every chosen signer, per item.
/// </summary>
public sealed record ProduceSignatureShares(RoundId Round, NodeId Coordinator, NodeId Participant, int Epoch, IReadOnlyList<NodeId> Signers, IReadOnlyList<ShareItem> Items);

/// <summary>One message of the batch to co-sign.</summary>
public sealed record ShareItem(byte[] TstInfo, byte[] SignedAttributes, IReadOnlyList<byte[]> Commitments);
