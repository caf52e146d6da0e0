using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Participant → participants and control plane (DKG/refresh): the share <see cref="Accused"/> sent
/// did not open or failed its commitment, with the evidence anyone can check: the accused's own
/// delivery exactly as it arrived with its node signature (<see cref="DeliverySequence"/> and
/// <see cref="DeliverySignature"/>, the bus headers it carried; the signature covers the delivery's
/// canonical body, see MessageSignatureInput) and the complainer's ceremony private key. Revealing
/// that key is safe: it was made for this ceremony alone, which aborts with this complaint. Every
/// judge checks it against the ceremony key the complainer signed in round 1, opens the share and
/// checks it against the accused's commitment: a bad share names the accused, a good one the
/// complainer, unverifiable evidence nobody. A dead key, but still key material: never log it.
/// </summary>
public sealed record CeremonyComplaintFiled(
    CeremonyId Ceremony,
    CeremonyKind Kind,
    NodeId From,
    NodeId Accused,
    CeremonySecretDelivered Delivery,
    long DeliverySequence,
    byte[] DeliverySignature,
    byte[] RevealedCeremonyKey);
