using System.Globalization;

namespace CcTsa.Cli.Bench;

/// <summary>The human summary of a bench: one block per concurrency, then errors by reason.</summary>
public static class BenchReport
{
    public static void Print(TextWriter output, string target, string policy, IReadOnlyList<BenchPoint> points)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(points);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"target: {target}; policy {policy}; {Environment.ProcessorCount.ToString(c)} cores");
        output.WriteLine("concurrency  tokens/s    p50 ms    p90 ms    p99 ms    max ms  errors  baseline tokens/s  ratio");
        foreach (var p in points)
        {
            var l = p.Target.Latency;
            output.WriteLine(string.Create(c,
                $"{p.Target.Concurrency,11}  {p.Target.TokensPerSecond,8:0.0}  {l.P50Ms,8:0.00}  {l.P90Ms,8:0.00}  {l.P99Ms,8:0.00}  {l.MaxMs,8:0.00}  {p.Target.ErrorCount,6}  {p.Baseline.TokensPerSecond,17:0.0}  {p.Ratio,5:0.00}"));
        }
        if (points.Any(p => p.Classical is not null))
        {
            output.WriteLine("concurrency  classical tokens/s (same target)  classical p99 ms  errors  hybrid ÷ classical");
            foreach (var p in points.Where(p => p.Classical is not null))
                output.WriteLine(string.Create(c,
                    $"{p.Target.Concurrency,11}  {p.Classical!.TokensPerSecond,32:0.0}  {p.Classical.Latency.P99Ms,16:0.00}  {p.Classical.ErrorCount,6}  {p.HybridRatio,18:0.00}"));
        }
        // this process's CPU: the whole TSA with --embedded, only the load generator with --url
        output.WriteLine("concurrency  process CPU ms/token  baseline CPU ms/token  baseline ÷ target");
        foreach (var p in points)
            output.WriteLine(string.Create(c, $"{p.Target.Concurrency,11}  {p.Target.CpuMsPerToken,19:0.000}  {p.Baseline.CpuMsPerToken,21:0.000}  {p.CpuRatio,17:0.00}"));
        foreach (var p in points)
        {
            foreach (var (reason, count) in p.Target.Errors.OrderByDescending(e => e.Value))
                output.WriteLine(string.Create(c, $"errors at concurrency {p.Target.Concurrency}: {count} × {reason}"));
            foreach (var (reason, count) in (p.Classical?.Errors ?? new Dictionary<string, long>()).OrderByDescending(e => e.Value))
                output.WriteLine(string.Create(c, $"classical errors at concurrency {p.Target.Concurrency}: {count} × {reason}"));
            foreach (var (reason, count) in p.Baseline.Errors.OrderByDescending(e => e.Value))
                output.WriteLine(string.Create(c, $"baseline errors at concurrency {p.Target.Concurrency}: {count} × {reason}"));
        }
        output.WriteLine(string.Create(c, $"verified {points.Sum(p => p.Target.Verified)} sampled tokens (signature, imprint, chain to the CA)"));
    }
}
