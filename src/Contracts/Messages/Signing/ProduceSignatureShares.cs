namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → participant: one round over k prepared messages, for any purpose. Purpose names
/// what the participant checks before releasing a share ("rfc3161": Evidence is the TSTInfo and
/// Message its signed attributes, whose digest, policy and genTime it checks against its own clock;
/// "csr": Message is a CertificationRequestInfo whose key must be the group key). Commitments are
/// the scheme's public per-item material of every chosen signer (FROST: SigningCommitments).
/// Scheme: which of the epoch's threshold keys signs ("frost-ed25519" or "ecdsa-p384"); for
/// "ecdsa-p384" each item's Commitments is [the presignature id] (the signature id of a
/// presigning run with exactly these signers), consumed by the participant before it answers.
/// Answered with <see cref="SignatureSharesProduced"/> (one share per item) or <see cref="SignatureSharesRefused"/>.
/// </summary>
public sealed record ProduceSignatureShares(RoundId Round, NodeId Coordinator, NodeId Participant, KeyEpoch Epoch, IReadOnlyList<NodeId> Signers,
    string Purpose, IReadOnlyList<ShareItem> Items, string Scheme = "frost-ed25519");
