using CcTsa.ControlPlane.Logging;
using CcTsa.ControlPlane.Tests.Tsa;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tests.Hosting;

/// <summary>
/// Issue 14 finding 7: one warning per rejected batch flooded the log (6,316 lines in 45 s of
/// quorum loss). The aggregator writes one line per reason and interval, with the count.
/// </summary>
public sealed class RepeatedWarningsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_storm_of_one_reason_is_one_line_per_interval_with_the_count()
    {
        var (logs, logger) = Capture();
        var time = new ManualTime();
        using var warnings = new RepeatedWarnings(logger, time, Interval, flushOnTimer: false);

        // 45 s of quorum loss at ~140 batches a second, as in the issue
        for (var i = 0; i < 6316; i++)
        {
            warnings.Warn("batch not signed: BelowQuorum", $"batch {i}");
            time.Advance(TimeSpan.FromMilliseconds(45_000.0 / 6316));
        }
        warnings.Flush();

        var lines = logs.Entries.Select(e => e.Message).ToList();
        Assert.InRange(lines.Count, 5, 6);
        Assert.Equal("batch not signed: BelowQuorum: batch 0", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^batch not signed: BelowQuorum: \d+ times in the last \d+ s; latest: batch \d+$", l));
        var counted = 1 + lines.Skip(1).Sum(l => long.Parse(System.Text.RegularExpressions.Regex.Match(l, @": (\d+) times").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(6316, counted);
    }

    [Fact]
    public void Reasons_are_counted_apart_and_the_timer_reports_a_storm_that_ended()
    {
        var (logs, logger) = Capture();
        var time = new ManualTime();
        using var warnings = new RepeatedWarnings(logger, time, Interval, flushOnTimer: false);
        for (var i = 0; i < 100; i++)
        {
            warnings.Warn("audit log write failed", "disk full");
            warnings.Warn("coordinator n1 did not answer in time", "round r");
        }
        Assert.Equal(2, logs.Entries.Count);

        warnings.FlushDue();
        Assert.Equal(2, logs.Entries.Count); // the interval has not passed yet
        time.Advance(Interval);
        warnings.FlushDue();
        Assert.Contains(logs.Entries, e => e.Message == "audit log write failed: 99 times in the last 10 s; latest: disk full");
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("coordinator n1 did not answer in time: 99 times", StringComparison.Ordinal));
        Assert.All(logs.Entries, e => Assert.Equal(LogLevel.Warning, e.Level));
    }

    private static (CapturedLogs Logs, ILogger Logger) Capture()
    {
        var logs = new CapturedLogs();
        return (logs, logs.CreateLogger("test"));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
