using System.Collections.Immutable;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// What the control plane currently believes about one node. Built from heartbeats and its own
/// attestation verdicts; public facts only.
/// </summary>
public sealed record NodeView(
    NodeId Id,
    string Provider,
    bool Online,
    bool Attested,
    int? EpochHeld,
    bool ClockHealthy,
    bool Excluded,
    DateTimeOffset LastSeen,
    int GoodBeats)
{
    /// <summary>Peers this node reports to have attested itself (mutual attestation happens between nodes).</summary>
    public ImmutableHashSet<NodeId> AttestedPeers { get; init; } = [];

    /// <summary>
    /// Peers with which this node reports a finished pairwise threshold-ECDSA setup for the share it
    /// holds; null when it reports none (no ECDSA share, or a sender that predates the field).
    /// </summary>
    public ImmutableHashSet<NodeId>? EcdsaPairedPeers { get; init; }

    /// <summary>
    /// Can sign threshold ECDSA with <paramref name="peer"/>: this node reports the pair, or reports
    /// no pairs at all (a sender without the field: nothing to wait for).
    /// </summary>
    public bool EcdsaPairedWith(NodeId peer) => EcdsaPairedPeers is null || EcdsaPairedPeers.Contains(peer);

    /// <summary>The launch measurement (hex) the control plane last attested for this node; null until attested.</summary>
    public string? MeasurementHex { get; init; }

    /// <summary>"true", "false" or "unknown" as the node reported it in its last accepted attestation (<see cref="CcTsa.Contracts.Events.Nodes.NodeAttested.SecureTsc"/>); null until attested.</summary>
    public string? SecureTsc { get; init; }

    /// <summary>The X25519 channel key (hex) of the enclave instance heard from; a new key is a new instance.</summary>
    public string? ChannelKeyHex { get; init; }

    /// <summary>The node's last reported offset from the peer median (µs), null if it reported none.</summary>
    public double? ClockOffsetMicros { get; init; }

    /// <summary>The uncertainty of <see cref="ClockOffsetMicros"/> (µs, half the median probe RTT).</summary>
    public double? ClockUncertaintyMicros { get; init; }

    /// <summary>This node has attested every one of <paramref name="peers"/> (other than itself).</summary>
    public bool HasAttested(IEnumerable<NodeId> peers) => peers.All(p => p == Id || AttestedPeers.Contains(p));

    /// <summary>Holds a share of <paramref name="epoch"/> and is currently reachable.</summary>
    public bool HoldsShareOf(int epoch) => Online && EpochHeld == epoch;

    /// <summary>May take part in signing for <paramref name="epoch"/> (invariant 5).</summary>
    public bool CanSign(int epoch) => HoldsShareOf(epoch) && Attested && ClockHealthy && !Excluded;
}
