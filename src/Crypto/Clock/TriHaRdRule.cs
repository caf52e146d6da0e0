namespace CcTsa.Crypto.Clock;

/// <summary>
/// The TriHaRd peer check (after "TriHaRd: Higher Resilience for TEE Trusted Time"): each round a
/// node compares its clock to the median of its peers' clocks. The round is bad when
/// |deviation| − RTT/2 &gt; tolerance, i.e. even the most favourable reading of the network delay
/// cannot explain the gap. <see cref="ExcludeAfter"/> consecutive bad rounds exclude the node from
/// signing; while excluded, <see cref="ReadmitAfter"/> consecutive good rounds readmit it. A round
/// with fewer than <see cref="MinPeers"/> probes is inconclusive and changes nothing (a partitioned
/// node cannot be judged, and cannot judge itself healthy either).
/// </summary>
public sealed record TriHaRdRule
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMicroseconds(50);

    public TimeSpan Tolerance { get; init; } = DefaultTolerance;
    public int ExcludeAfter { get; init; } = 3;
    public int ReadmitAfter { get; init; } = 3;
    public int MinPeers { get; init; } = 2;

    public (TriHaRdState Next, ClockVerdict Verdict) Evaluate(TriHaRdState state, IReadOnlyList<PeerProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(probes);
        if (probes.Count < MinPeers)
            return (state, new ClockVerdict(false, false, TimeSpan.Zero, TimeSpan.Zero, state.Excluded, false, false,
                state.ConsecutiveBad, state.ConsecutiveGood));

        // Peers ahead by the median offset means the local clock is behind by it. The uncertainty is half
        // the RTT of the probe whose offset was chosen, so the deviation is off by at most that much: with
        // half the median RTT instead, a median probe slower than the median RTT (under load) read a node
        // 2 s off as 0.93 s ± 0.98 s and judged the round good (a CI fleet test).
        var median = MedianNearestZero(probes);
        var deviation = -median.Offset;
        var uncertainty = median.Rtt / 2;
        var bad = deviation.Duration() - uncertainty > Tolerance;

        var consecutiveBad = bad ? state.ConsecutiveBad + 1 : 0;
        var consecutiveGood = bad ? 0 : state.ConsecutiveGood + 1;
        var excludedNow = !state.Excluded && consecutiveBad >= ExcludeAfter;
        var readmittedNow = state.Excluded && consecutiveGood >= ReadmitAfter;
        var excluded = (state.Excluded || excludedNow) && !readmittedNow;
        var next = new TriHaRdState(excluded, consecutiveBad, consecutiveGood);
        return (next, new ClockVerdict(true, bad, deviation, uncertainty, excluded, excludedNow, readmittedNow, consecutiveBad, consecutiveGood));
    }

    /// <summary>
    /// The median of the offsets; for an even count, the middle value of smaller magnitude rather than
    /// the mean of the two: with two answers, one from a peer whose own clock drifts by a second, the
    /// mean put a healthy node half a second off and excluded it (fresh-clone CI, two healthy nodes
    /// excluded beside the skewed one, signing halted). A node is bad only when at least half of its
    /// peers disagree with it in the same sense, and more than half when the count is odd.
    /// </summary>
    private static PeerProbe MedianNearestZero(IReadOnlyList<PeerProbe> probes)
    {
        var v = probes.OrderBy(p => p.Offset).ThenByDescending(p => p.Rtt).ToList(); // a fixed order for equal offsets
        if (v.Count % 2 == 1) return v[v.Count / 2];
        var (low, high) = (v[v.Count / 2 - 1], v[v.Count / 2]);
        return low.Offset.Duration() <= high.Offset.Duration() ? low : high;
    }
}
