using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// A secret-bearing ceremony message (DKG/refresh round-2 share, repair delta or sigma) sealed
/// end-to-end to the recipient's single-use ceremony key (seal format 3; the sender's node signature
/// on this message is what authenticates it). Sealed is ciphertext only; Step names the
/// protocol step ("round2", "delta", "sigma"). PublicContext carries public data the recipient needs
/// (e.g. the public key package for a repaired share); never secrets. In a DKG round 2 that makes
/// the threshold ML-DSA-65 key too, MlDsaSealed is the sender's ML-DSA pair package sealed to the
/// same ceremony key under the same context, and MlDsaRho its public ρ contribution (opening its
/// round-1 commitment). In a repair's σ delivery, MlDsaSealed is the helper's ML-DSA redistribution
/// package (the seeds of the subsets it shares with the recipient) sealed under σ's context. Null otherwise.
/// </summary>
public sealed record CeremonySecretDelivered(
    CeremonyId Ceremony,
    CeremonyKind Kind,
    string Step,
    NodeId From,
    NodeId To,
    byte[] Sealed,
    byte[]? PublicContext,
    byte[]? MlDsaSealed = null,
    byte[]? MlDsaRho = null);
