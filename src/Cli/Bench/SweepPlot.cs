using ScottPlot;

namespace CcTsa.Cli.Bench;

/// <summary>
/// The --sweep plot (ScottPlot → PNG): tokens/s of the target and of the single-key baseline on the
/// left axis, the target's p99 latency on the right axis, against concurrency (log2 positions).
/// </summary>
public static class SweepPlot
{
    public static void Write(string path, string title, IReadOnlyList<BenchPoint> points, int width = 900, int height = 540)
    {
        ArgumentNullException.ThrowIfNull(points);
        var x = points.Select(p => Math.Log2(p.Target.Concurrency)).ToArray();
        var plot = new Plot();
        plot.Title(title);
        var target = plot.Add.Scatter(x, points.Select(p => p.Target.TokensPerSecond).ToArray());
        target.LegendText = "tokens/s";
        target.MarkerSize = 8;
        var baseline = plot.Add.Scatter(x, points.Select(p => p.Baseline.TokensPerSecond).ToArray());
        baseline.LegendText = "tokens/s, single-key baseline";
        baseline.LinePattern = LinePattern.Dashed;
        var p99 = plot.Add.Scatter(x, points.Select(p => p.Target.Latency.P99Ms).ToArray());
        p99.LegendText = "p99 latency (ms, right axis)";
        p99.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Bottom.Label.Text = "concurrency (requests in flight)";
        plot.Axes.Left.Label.Text = "tokens/s";
        plot.Axes.Right.Label.Text = "p99 latency, ms";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            x, points.Select(p => p.Target.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimitsY(0, Math.Max(1, points.Max(p => Math.Max(p.Target.TokensPerSecond, p.Baseline.TokensPerSecond))) * 1.1, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, points.Max(p => p.Target.Latency.P99Ms)) * 1.1, plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperLeft);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        plot.SavePng(path, width, height);
    }
}
