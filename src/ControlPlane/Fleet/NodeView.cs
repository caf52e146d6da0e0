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

    /// <summary>The launch measurement (hex) the control plane last attested for this node; null until attested.</summary>
    public string? MeasurementHex { get; init; }

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
