using CcTsa.Hosting;

namespace CcTsa.Hosting.Tests;

/// <summary>The give-up rule shared by the control plane's hedge and a coordinator's peer deadline.</summary>
public sealed class AdaptiveDeadlineTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(5);

    [Fact]
    public void Cold_deadline_is_four_floors_until_enough_answers_were_seen()
    {
        var deadline = new AdaptiveDeadline(Floor, Ceiling, 3);
        Assert.Equal(TimeSpan.FromSeconds(1), deadline.Current);
        for (int i = 0; i < AdaptiveDeadline.MinSamples - 1; i++) deadline.Observe(TimeSpan.FromMilliseconds(10));
        Assert.Null(deadline.P99);
        Assert.Equal(TimeSpan.FromSeconds(1), deadline.Current);
    }

    [Fact]
    public void Fast_answers_give_the_floor()
    {
        var deadline = new AdaptiveDeadline(Floor, Ceiling, 3);
        for (int i = 0; i < 100; i++) deadline.Observe(TimeSpan.FromMilliseconds(20));
        Assert.Equal(Floor, deadline.Current);
    }

    [Fact]
    public void Slow_machine_raises_the_deadline_with_its_p99_up_to_the_ceiling()
    {
        var deadline = new AdaptiveDeadline(Floor, Ceiling, 3);
        for (int i = 0; i < 100; i++) deadline.Observe(TimeSpan.FromMilliseconds(i < 98 ? 100 : 400));
        Assert.Equal(TimeSpan.FromMilliseconds(400), deadline.P99);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), deadline.Current);
        for (int i = 0; i < 200; i++) deadline.Observe(TimeSpan.FromSeconds(3));
        Assert.Equal(Ceiling, deadline.Current);
    }

    [Fact]
    public void Old_answers_leave_the_window()
    {
        var deadline = new AdaptiveDeadline(Floor, Ceiling, 3, window: 16);
        for (int i = 0; i < 16; i++) deadline.Observe(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 16; i++) deadline.Observe(TimeSpan.FromMilliseconds(50));
        Assert.Equal(Floor, deadline.Current);
    }
}
