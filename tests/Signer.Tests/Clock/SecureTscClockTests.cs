using CcTsa.Signer.Clock;

namespace CcTsa.Signer.Tests.Clock;

public sealed class SecureTscClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Now_follows_the_monotonic_source()
    {
        var time = new ManualTimeProvider(Start);
        var clock = new SecureTscClock(time);
        time.Advance(TimeSpan.FromMilliseconds(1234));
        Assert.Equal(Start + TimeSpan.FromMilliseconds(1234), clock.Now());
    }

    [Fact]
    public void SecureTscClock_exposes_no_way_to_set_it()
    {
        var publicSetters = typeof(SecureTscClock).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(m => m.DeclaringType == typeof(SecureTscClock) && m.GetParameters().Length > 0);
        Assert.Empty(publicSetters);
        Assert.DoesNotContain(typeof(SecureTscClock).GetProperties(), p => p.CanWrite && p.SetMethod!.IsPublic);
    }

    [Fact]
    public void A_pause_between_reading_the_wall_clock_and_the_monotonic_source_does_not_offset_the_clock()
    {
        // the thread is preempted for 5 ms right after its first wall-clock read (seen on a loaded CI host)
        var time = new PausingTimeProvider(Start, pauseAfterFirstWallRead: TimeSpan.FromMilliseconds(5));
        var clock = new SecureTscClock(time);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(time.GetUtcNow(), clock.Now());
    }

    /// <summary>One true time behind both readings; the first wall-clock read is followed by a pause.</summary>
    private sealed class PausingTimeProvider(DateTimeOffset start, TimeSpan pauseAfterFirstWallRead) : TimeProvider
    {
        private long _elapsedTicks;
        private bool _paused;

        public void Advance(TimeSpan by) => _elapsedTicks += by.Ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _elapsedTicks;

        public override DateTimeOffset GetUtcNow()
        {
            var now = start + TimeSpan.FromTicks(_elapsedTicks);
            if (!_paused)
            {
                _paused = true;
                Advance(pauseAfterFirstWallRead);
            }
            return now;
        }
    }
}
