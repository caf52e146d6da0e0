namespace CcTsa.Hosting;

/// <summary>
/// How long to wait for an answer on the bus before giving up on one party and re-planning without
/// it: <see cref="Multiplier"/> × the p99 of the last <see cref="Window"/> answer latencies, never
/// below <see cref="Floor"/> nor above <see cref="Ceiling"/> (the hard timeout, which stays the
/// final bound). With fewer than <see cref="MinSamples"/> observations it is the cold value
/// min(<see cref="Ceiling"/>, 4 × <see cref="Floor"/>). Used by the control plane to hedge a batch to
/// a second coordinator and by a coordinator to drop a peer that misses its round; both shared here
/// because they are the same rule: a dead party costs a few hundred milliseconds, a slow machine
/// raises the deadline with its own latencies instead of tripping it. Thread-safe.
/// </summary>
public sealed class AdaptiveDeadline
{
    public const int MinSamples = 8;
    private readonly object _gate = new();
    private readonly double[] _samples;
    private int _next, _count;

    public AdaptiveDeadline(TimeSpan floor, TimeSpan ceiling, double multiplier, int window = 128)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(floor, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ceiling, floor);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, MinSamples);
        Floor = floor;
        Ceiling = ceiling;
        Multiplier = multiplier;
        _samples = new double[window];
    }

    public TimeSpan Floor { get; }

    public TimeSpan Ceiling { get; }

    public double Multiplier { get; }

    public int Window => _samples.Length;

    /// <summary>Records the latency of one answer that did arrive.</summary>
    public void Observe(TimeSpan latency)
    {
        if (latency < TimeSpan.Zero) return;
        lock (_gate)
        {
            _samples[_next] = latency.TotalMilliseconds;
            _next = (_next + 1) % _samples.Length;
            if (_count < _samples.Length) _count++;
        }
    }

    /// <summary>The p99 of the recorded latencies (null below <see cref="MinSamples"/>).</summary>
    public TimeSpan? P99
    {
        get
        {
            double[] copy;
            lock (_gate)
            {
                if (_count < MinSamples) return null;
                copy = _samples[.._count];
            }
            Array.Sort(copy);
            var rank = (int)Math.Ceiling(0.99 * copy.Length) - 1;
            return TimeSpan.FromMilliseconds(copy[Math.Clamp(rank, 0, copy.Length - 1)]);
        }
    }

    /// <summary>The deadline to apply now.</summary>
    public TimeSpan Current
    {
        get
        {
            if (P99 is not { } p99) return Min(Ceiling, Floor * 4);
            var scaled = p99 * Multiplier;
            return scaled < Floor ? Floor : Min(scaled, Ceiling);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
