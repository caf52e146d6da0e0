using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Clock;

namespace CcTsa.Signer.Clock;

/// <summary>
/// A signer's trusted time: the SecureTSC clock, checked against NTS servers and against the peers
/// (TriHaRd). Peer probing over the bus is the protocol's job; it feeds results in with
/// <see cref="RecordPeerProbe"/> and closes a round with <see cref="EvaluateRound"/>. A node whose
/// clock is excluded keeps its share but must not sign (<see cref="IsHealthy"/> false) until it is
/// readmitted by consecutive good rounds. Thread-safe: probes may arrive from several consumers.
/// </summary>
public sealed class TrustedClock
{
    private readonly object _gate = new();
    private readonly SecureTscClock _clock;
    private readonly NtsValidator? _nts;
    private readonly TriHaRdRule _rule;
    private readonly bool _faultMode;
    private readonly Dictionary<NodeId, PeerProbe> _probes = [];
    private TriHaRdState _state = TriHaRdState.Initial;
    private NtsSelectionResult? _lastNts;

    public TrustedClock(NodeId self, SecureTscClock clock, TriHaRdRule? rule = null, NtsValidator? nts = null, bool faultMode = false)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Self = self;
        _clock = clock;
        _rule = rule ?? new TriHaRdRule();
        _nts = nts;
        _faultMode = faultMode;
    }

    public NodeId Self { get; }

    public DateTimeOffset Now() => _clock.Now();

    /// <summary>Excluded by TriHaRd (keeps its share, does not sign).</summary>
    public bool IsExcluded { get { lock (_gate) return _state.Excluded; } }

    /// <summary>Not excluded, and the last NTS validation (if any) found a majority agreeing within tolerance.</summary>
    public bool IsHealthy
    {
        get
        {
            lock (_gate)
                return !_state.Excluded && (_lastNts is null || (_lastNts.HasMajority && _lastNts.Offset.Duration() - _lastNts.Accuracy <= _rule.Tolerance));
        }
    }

    /// <summary>How far <see cref="Now"/> may be from true time: the TriHaRd tolerance, or the NTS accuracy if larger.</summary>
    public TimeSpan AccuracyBound
    {
        get { lock (_gate) return _lastNts is { HasMajority: true } n && n.Accuracy > _rule.Tolerance ? n.Accuracy : _rule.Tolerance; }
    }

    public NtsSelectionResult ValidateAgainstNts()
    {
        var nts = _nts ?? throw new InvalidOperationException("No NTS servers are configured for this clock.");
        var result = nts.Validate(_clock);
        lock (_gate) _lastNts = result;
        return result;
    }

    /// <summary>
    /// Records a probe answered by <paramref name="peer"/>: its clock read <paramref name="peerTime"/>
    /// and the exchange took <paramref name="rtt"/>; call on receipt. The peer's reading is taken to
    /// correspond to the midpoint of the exchange. A later probe of the same peer replaces it.
    /// </summary>
    public void RecordPeerProbe(NodeId peer, DateTimeOffset peerTime, TimeSpan rtt)
    {
        if (peer == Self) throw new ArgumentException("A node does not probe itself.", nameof(peer));
        if (rtt < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(rtt), rtt, "A round trip cannot be negative.");
        var offset = peerTime - (_clock.Now() - rtt / 2);
        lock (_gate) _probes[peer] = new PeerProbe(peer, offset, rtt);
    }

    /// <summary>Closes a probe round: applies TriHaRd to the probes recorded since the last round.</summary>
    public ClockVerdict EvaluateRound()
    {
        lock (_gate)
        {
            var (next, verdict) = _rule.Evaluate(_state, [.. _probes.Values]);
            _state = next;
            _probes.Clear();
            return verdict;
        }
    }

    /// <summary>Fault injection (dev/test mode only): skews this node's clock.</summary>
    public void ApplyFaultSkew(TimeSpan skew)
    {
        if (!_faultMode) throw new InvalidOperationException("Clock skew can only be injected when fault mode is enabled.");
        _clock.SetSkew(skew);
    }

    /// <summary>Removes an injected skew (fault mode only).</summary>
    public void ClearFaultSkew()
    {
        if (!_faultMode) throw new InvalidOperationException("Clock skew can only be injected when fault mode is enabled.");
        _clock.SetSkew(TimeSpan.Zero);
    }
}
