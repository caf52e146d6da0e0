namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>
/// Published by a signer node when it starts and then periodically (heartbeat). Public facts only.
/// ChannelPublicKey (X25519) and SigningPublicKey (Ed25519, message signatures) are the keys its
/// attestation report binds in REPORT_DATA.
/// ClockOffsetMicroseconds is the node's clock minus the peer median from its last conclusive
/// TriHaRd round, ClockUncertaintyMicroseconds that measurement's uncertainty (half the RTT of the
/// probe whose offset was the median); both null until a round has concluded (and from senders that predate them).
/// DroppedMessages and SigningRefusals are the node's counters since it started (protocol messages
/// it dropped as not provably from their claimed sender, and signing requests it refused), by
/// reason; the control plane exports them as metrics, only from heartbeats signed by the node's
/// attested key. Null from senders that predate them.
/// EcdsaPairedPeers are the peers with which the node finished the pairwise threshold-ECDSA setup
/// for the share of EpochHeld (three signers sign ECDSA together only when all three pairs exist);
/// empty when it holds no ECDSA share; null only from senders that predate it.
/// </summary>
public sealed record NodeAnnounced(
    NodeId Node,
    string Provider,
    byte[] ChannelPublicKey,
    int? EpochHeld,
    bool ClockHealthy,
    bool Excluded,
    IReadOnlyList<NodeId> AttestedPeers,
    DateTimeOffset At,
    double? ClockOffsetMicroseconds = null,
    double? ClockUncertaintyMicroseconds = null,
    byte[]? SigningPublicKey = null,
    IReadOnlyList<ReasonCount>? DroppedMessages = null,
    IReadOnlyList<ReasonCount>? SigningRefusals = null,
    IReadOnlyList<NodeId>? EcdsaPairedPeers = null);
