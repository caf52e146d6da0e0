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
        _base = time.GetUtcNow();
        _start = time.GetTimestamp();
    }

    public DateTimeOffset Now() => _base + _time.GetElapsedTime(_start) + TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));

    internal TimeSpan Skew => TimeSpan.FromTicks(Interlocked.Read(ref _skewTicks));

    internal void SetSkew(TimeSpan skew) => Interlocked.Exchange(ref _skewTicks, skew.Ticks);
}
