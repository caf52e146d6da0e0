using CcTsa.Crypto.Clock;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Clock;

public sealed class NtsSampleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Offset_and_delay_follow_the_NTP_formulas()
    {
        // server 5 ms ahead, 10 ms each way, 1 ms processing
        var t1 = T0;
        var t2 = T0 + TimeSpan.FromMilliseconds(15);
        var t3 = t2 + TimeSpan.FromMilliseconds(1);
        var t4 = T0 + TimeSpan.FromMilliseconds(21);
        var s = new NtsSample("a", t1, t2, t3, t4);
        Assert.Equal(TimeSpan.FromMilliseconds(5), s.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(20), s.Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(10), s.Uncertainty);
    }

    [Property]
    public Property True_offset_lies_within_offset_plus_minus_half_delay(int offsetUs, PositiveInt outUs, PositiveInt backUs)
    {
        var trueOffset = TimeSpan.FromMicroseconds(offsetUs % 1_000_000);
        var t1 = T0;
        var t2 = t1 + TimeSpan.FromMicroseconds(outUs.Get % 1_000_000) + trueOffset;
        var t3 = t2;
        var t4 = t3 - trueOffset + TimeSpan.FromMicroseconds(backUs.Get % 1_000_000);
        var s = new NtsSample("x", t1, t2, t3, t4);
        return (s.Low <= trueOffset && trueOffset <= s.High).ToProperty();
    }
}
