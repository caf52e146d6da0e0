namespace CcTsa.Signer.Channel;

/// <summary>
/// What a node knows about one peer. ChannelKey is set only after the peer's fresh attestation
/// report was verified and bound that key; ClockHealthy/Excluded come from the peer's own
/// announcements; SigningKey is the Ed25519 key the same report bound, the only key whose
/// signatures count as the peer's protocol messages; TimedOut is set when it failed to answer a round and cleared when it is heard again.
/// </summary>
public sealed record PeerState(
    NodeId Node,
    string Provider,
    byte[]? ChannelKey,
    DateTimeOffset? AttestedAt,
    DateTimeOffset LastHeard,
    bool ClockHealthy,
    bool TimedOut,
    int? EpochHeld,
    byte[]? SigningKey = null)
{
    public bool Attested => ChannelKey is not null;

    /// <summary>Nothing accepted from the peer for more than two <paramref name="beat"/>s (none when zero: no beat configured).</summary>
    public bool Quiet(DateTimeOffset now, TimeSpan beat) => beat > TimeSpan.Zero && now - LastHeard > 2 * beat;
}
