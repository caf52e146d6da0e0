using System.Collections.Immutable;
using CcTsa.Contracts.Messages.Faults;

namespace CcTsa.Signer.Faults;

/// <summary>
/// Dev/test faults of one node: clock skew, dropped peers (a partition) and a kill request. Every
/// fault is refused unless the node was started in fault mode, so a production node can't be
/// skewed or partitioned by a bus message.
/// </summary>
public sealed class FaultState
{
    private ImmutableHashSet<NodeId> _dropped = [];
    private long _skewMicros;

    public FaultState(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    /// <summary>Raised after a fault was applied (hosts and tests learn that it took effect).</summary>
    public event Action<InjectFault>? Applied;

    /// <summary>Offset added to this node's trusted clock readings.</summary>
    public TimeSpan Skew => TimeSpan.FromMicroseconds(Interlocked.Read(ref _skewMicros));

    public IReadOnlySet<NodeId> DroppedPeers => Volatile.Read(ref _dropped);

    /// <summary>True when every message to and from <paramref name="peer"/> must be dropped.</summary>
    public bool Drops(NodeId peer) => Volatile.Read(ref _dropped).Contains(peer);

    /// <summary>Applies a fault; returns false (and changes nothing) when fault mode is off.</summary>
    public bool Apply(InjectFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!Enabled || !Set(fault)) return false;
        Applied?.Invoke(fault);
        return true;
    }

    private bool Set(InjectFault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.ClockSkew:
                Interlocked.Exchange(ref _skewMicros, fault.OffsetMicros);
                return true;
            case FaultKind.DropPeers:
                Volatile.Write(ref _dropped, [.. fault.Peers]);
                return true;
            case FaultKind.Clear:
                Interlocked.Exchange(ref _skewMicros, 0);
                Volatile.Write(ref _dropped, []);
                return true;
            case FaultKind.Kill:
                return true;
            default:
                return false;
        }
    }
}
