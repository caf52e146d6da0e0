namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>
/// Published by a signer node when it starts and then periodically (heartbeat). Public facts only.
/// ChannelPublicKey is the node's X25519 key that its attestation report binds in REPORT_DATA.
/// </summary>
public sealed record NodeAnnounced(
    NodeId Node,
    string Provider,
    byte[] ChannelPublicKey,
    int? EpochHeld,
    bool ClockHealthy,
    bool Excluded,
    IReadOnlyList<NodeId> AttestedPeers,
    DateTimeOffset At);
