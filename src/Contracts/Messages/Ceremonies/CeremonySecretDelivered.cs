using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// A secret-bearing ceremony message (DKG/refresh round-2 share, repair delta or sigma) sealed
/// end-to-end to the recipient's single-use ceremony key (seal format 3; the sender's node signature
/// on this message is what authenticates it). Sealed is ciphertext only; Step names the
/// protocol step ("round2", "delta", "sigma"). PublicContext carries public data the recipient needs
/// (e.g. the public key package for a repaired share); never secrets.
/// </summary>
public sealed record CeremonySecretDelivered(
    CeremonyId Ceremony,
    CeremonyKind Kind,
    string Step,
    NodeId From,
    NodeId To,
    byte[] Sealed,
    byte[]? PublicContext);
