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
    private readonly INtsCheck? _nts;
    private readonly TriHaRdRule _rule;
    private readonly bool _faultMode;
    private readonly Dictionary<NodeId, PeerProbe> _probes = [];
    private TriHaRdState _state = TriHaRdState.Initial;
    private readonly TimeSpan _ntsTolerance;
    private NtsSelectionResult? _lastNts;
    private long _lastNtsAt;
    private ClockVerdict? _lastMeasured;

    /// <summary>How long an NTS validation is trusted before <see cref="IsHealthy"/> validates again.</summary>
    public static readonly TimeSpan NtsRevalidation = TimeSpan.FromMilliseconds(250);

    /// <param name="ntsTolerance">
    /// How far the SecureTSC clock may be from the NTS consensus (beyond the measurement's own
    /// accuracy) before the node flags itself; default 5 ms. TriHaRd's 50 µs is the fine check among
    /// peers; NTS catches a clock that is wrong together with enough peers to fool the median.
    /// </param>
    public TrustedClock(NodeId self, SecureTscClock clock, TriHaRdRule? rule = null, INtsCheck? nts = null, bool faultMode = false, TimeSpan? ntsTolerance = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Self = self;
        _clock = clock;
        _rule = rule ?? new TriHaRdRule();
        _nts = nts;
        _faultMode = faultMode;
        _ntsTolerance = ntsTolerance ?? TimeSpan.FromMilliseconds(5);
    }

    public NodeId Self { get; }

    public DateTimeOffset Now() => _clock.Now();

    /// <summary>Excluded by TriHaRd (keeps its share, does not sign).</summary>
    public bool IsExcluded { get { lock (_gate) return _state.Excluded; } }

    /// <summary>
    /// Not excluded by TriHaRd, and (when NTS servers are configured) a fresh NTS validation found a
    /// majority agreeing with this clock within the NTS tolerance. A node asks this before it assigns
    /// or co-signs a genTime, so a skewed clock stops signing at once — even when enough peers share
    /// the skew to fool the TriHaRd median — instead of after consecutive probe rounds.
    /// </summary>
    public bool IsHealthy
    {
        get
        {
            if (_nts is not null && System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastNtsAt)) > NtsRevalidation)
                ValidateAgainstNts();
            lock (_gate)
                return !_state.Excluded && (_lastNts is null || NtsAgrees(_lastNts));
        }
    }

    private bool NtsAgrees(NtsSelectionResult nts) => nts.HasMajority && nts.Offset.Duration() - nts.Accuracy <= _ntsTolerance;

    /// <summary>How far <see cref="Now"/> may be from true time: the TriHaRd tolerance, or the NTS accuracy if larger.</summary>
    public TimeSpan AccuracyBound
    {
        get { lock (_gate) return _lastNts is { HasMajority: true } n && n.Accuracy > _rule.Tolerance ? n.Accuracy : _rule.Tolerance; }
    }

    /// <summary>
    /// This clock minus the peer median, and that measurement's uncertainty, from the last
    /// conclusive TriHaRd round; null before one concluded. Reported in heartbeats.
    /// </summary>
    public (TimeSpan Offset, TimeSpan Uncertainty)? LastMeasurement
    {
        get { lock (_gate) return _lastMeasured is { } v ? (v.DeviationFromPeers, v.Uncertainty) : null; }
    }

    public NtsSelectionResult ValidateAgainstNts()
    {
        var nts = _nts ?? throw new InvalidOperationException("No NTS servers are configured for this clock.");
        var result = nts.Validate(_clock);
        lock (_gate) _lastNts = result;
        Interlocked.Exchange(ref _lastNtsAt, System.Diagnostics.Stopwatch.GetTimestamp());
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
            if (verdict.Conclusive) _lastMeasured = verdict;
            return verdict;
        }
    }

    /// <summary>Fault injection (dev/test mode only): skews this node's clock.</summary>
    public void ApplyFaultSkew(TimeSpan skew)
    {
        if (!_faultMode) throw new InvalidOperationException("Clock skew can only be injected when fault mode is enabled.");
        _clock.SetSkew(skew);
        Interlocked.Exchange(ref _lastNtsAt, 0); // the next health check validates against NTS again
    }

    /// <summary>Removes an injected skew (fault mode only).</summary>
    public void ClearFaultSkew()
    {
        if (!_faultMode) throw new InvalidOperationException("Clock skew can only be injected when fault mode is enabled.");
        _clock.SetSkew(TimeSpan.Zero);
        Interlocked.Exchange(ref _lastNtsAt, 0);
    }
}
