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
}
