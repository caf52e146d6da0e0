namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Node → node, second message of the DKLs23 pairwise setup: the base-OT receiver answer R (public)
/// to the peer's offer <see cref="OfferAttempt"/>, and the opening of the sender's zero-share seed
/// commitment sealed to the peer's SetupKey (ciphertext only). Attempt is the sender's own attempt
/// whose offer the peer has seen. Node-signed.
/// </summary>
public sealed record EcdsaPairSetupAnswered(
    NodeId From,
    NodeId To,
    int Epoch,
    byte[] KeySid,
    Guid Attempt,
    Guid OfferAttempt,
    byte[][] R,
    byte[] SealedSeed);
