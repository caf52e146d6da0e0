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

        // Peers ahead by the median offset means the local clock is behind by it.
        var deviation = -Median(probes.Select(p => p.Offset));
        var uncertainty = Median(probes.Select(p => p.Rtt)) / 2;
        var bad = deviation.Duration() - uncertainty > Tolerance;

        var consecutiveBad = bad ? state.ConsecutiveBad + 1 : 0;
        var consecutiveGood = bad ? 0 : state.ConsecutiveGood + 1;
        var excludedNow = !state.Excluded && consecutiveBad >= ExcludeAfter;
        var readmittedNow = state.Excluded && consecutiveGood >= ReadmitAfter;
        var excluded = (state.Excluded || excludedNow) && !readmittedNow;
        var next = new TriHaRdState(excluded, consecutiveBad, consecutiveGood);
        return (next, new ClockVerdict(true, bad, deviation, uncertainty, excluded, excludedNow, readmittedNow, consecutiveBad, consecutiveGood));
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }
}
