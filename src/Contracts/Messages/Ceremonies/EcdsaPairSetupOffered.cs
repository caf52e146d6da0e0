namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Node → node, first message of the DKLs23 pairwise setup between two holders of the same epoch's
/// threshold-ECDSA key (KeySid names the key share generation, so a setup for a refreshed or
/// repaired key never mixes with an older one). The lower node id offers first; the other answers
/// with its own offer (InReplyTo = the offer it answers) and its answer. Attempt is fresh per try.
/// SetupKey is the sender's single-use X25519 key the peer seals its seed opening to; S and
/// SeedCommitment are public (base-OT sender message, hash commitment). Sequence grows with every
/// offer the sender makes: the bus does not order messages, so an offer the sender has already
/// replaced (its fresh offer overtaken by its reply to ours) is recognised and ignored instead of
/// tearing down the attempt that replaced it. Node-signed.
/// </summary>
public sealed record EcdsaPairSetupOffered(
    NodeId From,
    NodeId To,
    int Epoch,
    byte[] KeySid,
    Guid Attempt,
    Guid? InReplyTo,
    byte[] SetupKey,
    byte[] S,
    byte[] SeedCommitment,
    long Sequence);
