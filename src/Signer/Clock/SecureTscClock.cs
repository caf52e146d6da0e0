namespace CcTsa.Signer.Clock;

/// <summary>
/// A simulated SecureTSC: a monotonic time source the node cannot be told to change. It is fixed at
/// construction (base instant + elapsed monotonic ticks of the injected TimeProvider); there is no
/// setter. The only deviation is the fault-injection skew, which only <see cref="TrustedClock"/>
/// applies and only in fault mode.
/// </summary>
public sealed class SecureTscClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _base;
    private readonly long _start;
    private long _skewTicks;

    public SecureTscClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        // The base instant and the monotonic reading must be taken together: a thread preempted (or a
        // method JIT-compiled) between the two reads puts the clock off by that pause for good. On a
        // loaded host that pause reached milliseconds and the node failed its NTS and TriHaRd checks
        // from birth (fresh-clone CI). So the wall clock is read between two monotonic readings until
        // they are close, and the tightest bracket seen is kept, paired with its midpoint.
        var tight = Math.Max(1, time.TimestampFrequency / 100_000); // 10 µs
        var best = long.MaxValue;
        for (var i = 0; i < 64 && best > tight; i++)
        {
            var before = time.GetTimestamp();
            var now = time.GetUtcNow();
            var after = time.GetTimestamp();
            if (after - before >= best) continue;
            best = after - before;
            _base = now;
            _start = before + (best / 2);
        }
    }

    public DateTimeOffset Now() => _base + _time.GetElapsedTime(_start) + TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));

    internal TimeSpan Skew => TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));

    internal void SetSkew(TimeSpan skew) => Interlocked.Exchange(ref _skewTicks, skew.Ticks);
}
