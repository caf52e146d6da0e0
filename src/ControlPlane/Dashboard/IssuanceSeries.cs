namespace CcTsa.ControlPlane.Dashboard;

/// <summary>One second of issuance: tokens granted in it and the p99 of its signing round trips (ms; null when none ended).</summary>
public sealed record SeriesPoint(DateTimeOffset At, int Tokens, double? P99Ms);

/// <summary>
/// The last <see cref="Window"/> of issuance, one bucket per second, for the dashboard's plots
/// (tokens/s and p99 latency). Prometheus keeps only cumulative histograms, from which a per-second
/// p99 cannot be read back, so <see cref="Fleet.FleetMetrics"/> also feeds this ring. Each second
/// keeps at most <see cref="MaxSamplesPerSecond"/> latencies (the first ones): memory stays bounded
/// under any load, and the p99 of a sample that size is still a fair estimate.
/// </summary>
public sealed class IssuanceSeries(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int MaxSamplesPerSecond = 512;
    private const int Seconds = 900;

    private readonly Bucket[] _buckets = [.. Enumerable.Range(0, Seconds).Select(_ => new Bucket())];
    private readonly Lock _gate = new();

    public IssuanceSeries() : this(TimeProvider.System)
    {
    }

    /// <summary>Counts <paramref name="count"/> tokens granted now.</summary>
    public void Tokens(int count)
    {
        if (count <= 0) return;
        lock (_gate) Current().Tokens += count;
    }

    /// <summary>Records one signing round trip that ended now.</summary>
    public void Latency(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero) return;
        lock (_gate)
        {
            var b = Current();
            if (b.LatenciesMs.Count < MaxSamplesPerSecond) b.LatenciesMs.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The complete seconds of the last <paramref name="span"/> (at most the window), oldest first; a quiet second counts 0 tokens.</summary>
    public IReadOnlyList<SeriesPoint> Points(TimeSpan span)
    {
        var seconds = (int)Math.Clamp(span.TotalSeconds, 0, Seconds);
        var now = Second(time.GetUtcNow());
        var points = new List<SeriesPoint>(seconds);
        lock (_gate)
        {
            for (var s = now - seconds + 1; s < now; s++) points.Add(PointOf(s));
        }
        return points;
    }

    /// <summary>The 99th percentile (nearest rank) of <paramref name="values"/>; null when empty.</summary>
    public static double? P99(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(0.99 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private SeriesPoint PointOf(long second)
    {
        var b = _buckets[Index(second)];
        var at = DateTimeOffset.FromUnixTimeSeconds(second);
        return b.Second == second ? new SeriesPoint(at, b.Tokens, P99(b.LatenciesMs)) : new SeriesPoint(at, 0, null);
    }

    private Bucket Current()
    {
        var s = Second(time.GetUtcNow());
        var b = _buckets[Index(s)];
        if (b.Second != s)
        {
            // the slot last held a second a whole window ago (or never): start it afresh
            b.Second = s;
            b.Tokens = 0;
            b.LatenciesMs.Clear();
        }
        return b;
    }

    private static long Second(DateTimeOffset t) => t.ToUnixTimeSeconds();

    private static int Index(long second) => (int)(((second % Seconds) + Seconds) % Seconds);

    private sealed class Bucket
    {
        public long Second { get; set; } = long.MinValue;
        public int Tokens { get; set; }
        public List<double> LatenciesMs { get; } = [];
    }
}
