using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// A participant's public round-1 package (DKG/refresh commitments + proof of knowledge) and its
/// ceremony key: the X25519 public key of the single-use key pair it made for this ceremony, the
/// only key its round-2 shares may be sealed to. Both are covered by the sender's node signature
/// and by the round-1 transcript every participant confirms. EcdsaPackage is the same participant's
/// round-1 package for the epoch's threshold-ECDSA (P-384) key made in the same ceremony (DKG:
/// commitments and proof of knowledge; refresh: zero-constant commitments); null when the ceremony
/// makes or refreshes no ECDSA key. MlDsaPackage is the participant's round-1 commitments for the
/// epoch's threshold ML-DSA-65 key (a DKG of all five nodes only; null otherwise).
/// </summary>
public sealed record CeremonyRound1Broadcast(CeremonyId Ceremony, CeremonyKind Kind, NodeId From, byte[] Package, byte[] CeremonyKey, byte[]? EcdsaPackage = null,
    byte[]? MlDsaPackage = null);
