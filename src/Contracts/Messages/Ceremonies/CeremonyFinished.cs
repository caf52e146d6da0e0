using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// A participant's outcome. On success GroupPublicKey and VerifyingShare (public) let the control
/// plane check every participant agrees. On failure Culprits names misbehaving participants.
/// EcdsaGroupPublicKey and EcdsaVerifyingShare are the same facts for the epoch's threshold-ECDSA
/// (P-384, SEC1 compressed) key that the same ceremony produced; null when it produced none.
/// MlDsaGroupPublicKey: the epoch's threshold ML-DSA-65 public key (FIPS 204 pkEncode, 1952 bytes)
/// the same ceremony produced; null when it produced none.
/// </summary>
public sealed record CeremonyFinished(
    CeremonyId Ceremony,
    CeremonyKind Kind,
    KeyEpoch Epoch,
    NodeId Node,
    bool Ok,
    byte[]? GroupPublicKey,
    byte[]? VerifyingShare,
    IReadOnlyList<NodeId> Culprits,
    string? Error,
    byte[]? EcdsaGroupPublicKey = null,
    byte[]? EcdsaVerifyingShare = null,
    byte[]? MlDsaGroupPublicKey = null);
