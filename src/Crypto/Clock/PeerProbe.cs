using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.Clock;

/// <summary>
/// One clock probe of a peer: <see cref="Offset"/> = peer time − local time at the probe's
/// midpoint (positive: the peer is ahead), <see cref="Rtt"/> the round trip, whose half bounds the
/// offset's error.
/// </summary>
public readonly record struct PeerProbe(NodeId Peer, TimeSpan Offset, TimeSpan Rtt);
