using CcTsa.ControlPlane.Dashboard;

namespace CcTsa.ControlPlane.Tests.Dashboard;

public sealed class IssuanceSeriesTests
{
    [Fact]
    public void Tokens_and_latencies_land_in_their_second_and_a_quiet_second_counts_zero()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var series = new IssuanceSeries(time);
        series.Tokens(3);
        for (var ms = 1; ms <= 100; ms++) series.Latency(TimeSpan.FromMilliseconds(ms));
        time.Now += (TimeSpan.FromSeconds(2));

        var points = series.Points(IssuanceSeries.Window);

        Assert.Equal(899, points.Count);
        var busy = points[^2];
        Assert.Equal(3, busy.Tokens);
        Assert.Equal(99, busy.P99Ms);
        Assert.Equal(0, points[^1].Tokens);
        Assert.Null(points[^1].P99Ms);
    }

    [Fact]
    public void A_second_a_whole_window_later_reuses_the_slot_afresh()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var series = new IssuanceSeries(time);
        series.Tokens(5);
        time.Now += (IssuanceSeries.Window);
        series.Tokens(1);
        time.Now += (TimeSpan.FromSeconds(1));

        Assert.Equal(1, series.Points(TimeSpan.FromSeconds(2)).Single().Tokens);
        Assert.Equal(1, series.Points(IssuanceSeries.Window).Sum(p => p.Tokens));
    }

    [Fact]
    public void The_p99_is_the_nearest_rank() =>
        Assert.Equal(5, IssuanceSeries.P99([5, 1, 3]));

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
