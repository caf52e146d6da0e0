namespace CcTsa.Crypto.Clock;

/// <summary>
/// Chooses the servers to believe (Marzullo's intersection, as NTP's selection algorithm): each
/// sample gives an interval offset ± delay/2; the region covered by the most intervals wins, and
/// it must be covered by a strict majority. Servers whose interval misses it are falsetickers.
/// The result offset is the median of the truechimers' offsets.
/// </summary>
public static class NtsSelection
{
    public static NtsSelectionResult Select(IReadOnlyList<NtsSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var valid = samples.Where(s => s.Delay >= TimeSpan.Zero).ToList();
        var badDelay = samples.Where(s => s.Delay < TimeSpan.Zero).Select(s => s.Server);
        if (valid.Count == 0)
            return new NtsSelectionResult(false, [], [.. badDelay], TimeSpan.Zero, TimeSpan.Zero);

        // Sweep interval endpoints: a start (+1) sorts before an end (−1) at the same instant,
        // so touching intervals count as intersecting.
        var edges = valid.SelectMany(s => new[] { (At: s.Low, Step: +1), (At: s.High, Step: -1) })
            .OrderBy(e => e.At).ThenByDescending(e => e.Step).ToList();
        int depth = 0, best = 0;
        TimeSpan bestLow = TimeSpan.Zero, bestHigh = TimeSpan.Zero;
        for (var i = 0; i < edges.Count; i++)
        {
            depth += edges[i].Step;
            if (edges[i].Step > 0 && depth > best)
            {
                best = depth;
                bestLow = edges[i].At;
                bestHigh = edges[i + 1].At;
            }
        }

        var truechimers = valid.Where(s => s.Low <= bestHigh && s.High >= bestLow).ToList();
        var falsetickers = valid.Except(truechimers).Select(s => s.Server).Concat(badDelay).ToList();
        var majority = best * 2 > samples.Count;
        if (!majority)
            return new NtsSelectionResult(false, [], [.. samples.Select(s => s.Server)], TimeSpan.Zero, TimeSpan.Zero);
        var offsets = truechimers.Select(s => s.Offset).Order().ToList();
        var median = offsets.Count % 2 == 1 ? offsets[offsets.Count / 2] : (offsets[offsets.Count / 2 - 1] + offsets[offsets.Count / 2]) / 2;
        var bound = truechimers.Max(s => (s.Offset - median).Duration() + s.Uncertainty);
        return new NtsSelectionResult(true, [.. truechimers.Select(s => s.Server)], falsetickers, median, bound);
    }
}
