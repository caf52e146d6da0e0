using System.Collections.Immutable;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Pure, immutable view of the fleet's liveness, attestation and clock status. Every transition
/// returns the new roster and the changes it implies; the <see cref="FleetDirector"/> does the I/O.
/// </summary>
public sealed record FleetRoster(ImmutableSortedDictionary<string, NodeView> Nodes)
{
    public static FleetRoster Empty { get; } = new(ImmutableSortedDictionary<string, NodeView>.Empty.WithComparers(StringComparer.Ordinal));

    public NodeView? Find(NodeId id) => Nodes.TryGetValue(id.Value, out var v) ? v : null;

    public IEnumerable<NodeView> All => Nodes.Values;

    /// <summary>
    /// Folds one heartbeat received at <paramref name="receivedAt"/> (the control plane's clock: a
    /// node's own, possibly skewed, clock never decides its liveness).
    /// </summary>
    public (FleetRoster Roster, IReadOnlyList<FleetChange> Changes) OnHeartbeat(NodeAnnounced beat, DateTimeOffset receivedAt, int readmitAfterGoodBeats)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var changes = new List<FleetChange>();
        var previous = Find(beat.Node);
        var channelKey = Convert.ToHexStringLower(beat.ChannelPublicKey ?? []);
        // another channel key under the same id is another enclave (a replacement started before the
        // old one was declared lost): it has no share and is attested afresh
        var replaced = previous is { Online: true, ChannelKeyHex: { } known } && !string.Equals(known, channelKey, StringComparison.Ordinal);
        var wasOnline = (previous?.Online ?? false) && !replaced;
        var view = previous ?? new NodeView(beat.Node, beat.Provider, false, false, null, true, false, receivedAt, 0);
        if (!wasOnline)
        {
            // a node coming (back) online is a new enclave until proven otherwise: attest it again
            changes.Add(new FleetChange(FleetChangeKind.CameOnline, beat.Node, beat.Provider));
            view = view with { Attested = false, EpochHeld = null, Excluded = false, ClockHealthy = true, GoodBeats = 0, AttestedPeers = [], EcdsaPairedPeers = null, MeasurementHex = null, SecureTsc = null };
        }
        if (view.EpochHeld != beat.EpochHeld && wasOnline)
            changes.Add(new FleetChange(FleetChangeKind.EpochChanged, beat.Node, beat.Provider));

        var clockBad = !beat.ClockHealthy || beat.Excluded;
        var excluded = view.Excluded;
        var clockHealthy = view.ClockHealthy;
        var good = clockBad ? 0 : view.GoodBeats + 1;
        if (clockBad && clockHealthy)
        {
            changes.Add(new FleetChange(FleetChangeKind.ClockViolated, beat.Node, beat.Provider));
            clockHealthy = false;
        }
        if (clockBad && !excluded)
        {
            changes.Add(new FleetChange(FleetChangeKind.Excluded, beat.Node, beat.Provider));
            excluded = true;
        }
        if (!clockBad && (excluded || !clockHealthy) && good >= readmitAfterGoodBeats)
        {
            if (!clockHealthy) changes.Add(new FleetChange(FleetChangeKind.ClockRecovered, beat.Node, beat.Provider));
            if (excluded) changes.Add(new FleetChange(FleetChangeKind.Readmitted, beat.Node, beat.Provider));
            clockHealthy = true;
            excluded = false;
        }

        view = view with
        {
            Provider = beat.Provider,
            Online = true,
            ChannelKeyHex = channelKey,
            EpochHeld = beat.EpochHeld,
            ClockHealthy = clockHealthy,
            Excluded = excluded,
            LastSeen = receivedAt > view.LastSeen ? receivedAt : view.LastSeen,
            GoodBeats = good,
            AttestedPeers = [.. beat.AttestedPeers],
            EcdsaPairedPeers = beat.EcdsaPairedPeers is { } paired ? [.. paired] : null,
            ClockOffsetMicros = beat.ClockOffsetMicroseconds,
            ClockUncertaintyMicros = beat.ClockUncertaintyMicroseconds,
        };
        return (this with { Nodes = Nodes.SetItem(beat.Node.Value, view) }, changes);
    }

    /// <summary>Marks every node not heard from within <paramref name="timeout"/> as lost.</summary>
    public (FleetRoster Roster, IReadOnlyList<FleetChange> Changes) OnTick(DateTimeOffset now, TimeSpan timeout)
    {
        var changes = new List<FleetChange>();
        var nodes = Nodes;
        foreach (var v in Nodes.Values)
        {
            if (!v.Online || now - v.LastSeen <= timeout) continue;
            changes.Add(new FleetChange(FleetChangeKind.Lost, v.Id, v.Provider));
            nodes = nodes.SetItem(v.Id.Value, v with { Online = false, Attested = false, EpochHeld = null });
        }
        return (this with { Nodes = nodes }, changes);
    }

    /// <summary>Records the control plane's own attestation verdict (and, when attested, the measurement it attested).</summary>
    public FleetRoster WithAttestation(NodeId node, bool attested, string? measurementHex = null, string? secureTsc = null) =>
        Find(node) is { } v
            ? this with { Nodes = Nodes.SetItem(node.Value, v with { Attested = attested, MeasurementHex = attested ? measurementHex : null, SecureTsc = attested ? secureTsc : null }) }
            : this;

    /// <summary>Marks a node as gone at once (killed by the faults API, or a refused placement).</summary>
    public FleetRoster WithOffline(NodeId node) =>
        Find(node) is { } v ? this with { Nodes = Nodes.SetItem(node.Value, v with { Online = false, Attested = false, EpochHeld = null }) } : this;

    /// <summary>Every node of <paramref name="nodes"/> is known and has attested all the others (ceremonies need it).</summary>
    public bool MutuallyAttested(IReadOnlyCollection<NodeId> nodes) =>
        nodes.All(n => Find(n) is { Online: true } v && v.HasAttested(nodes));

    /// <summary>Nodes that may sign for the epoch, ordered by id (lowest first = preferred coordinator).</summary>
    public IReadOnlyList<NodeView> Signers(int epoch) =>
        [.. Nodes.Values.Where(v => v.CanSign(epoch)).OrderBy(v => v.Id.Index)];

    public int ShareHolders(int epoch) => Nodes.Values.Count(v => v.HoldsShareOf(epoch));

    /// <summary>The launch measurement the online attested nodes run (the pin admits one at a time); null when none is attested.</summary>
    public string? AttestedMeasurement =>
        Nodes.Values.Where(v => v.Online && v.Attested && !string.IsNullOrEmpty(v.MeasurementHex)).Select(v => v.MeasurementHex).FirstOrDefault();
}
