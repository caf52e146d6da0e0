using System.Text.Json;
using CcTsa.Crypto.Pki;

namespace CcTsa.Cli.Bench;

/// <summary>
/// The JSON of a bench run. Top-level fields describe the last (highest) concurrency measured:
/// tokensPerSecond, p50Ms, p90Ms, p99Ms, maxMs, baselineTokensPerSecond, ratio (target ÷ baseline),
/// errors (count) with errorsByReason, concurrency, policy (name) and policyOid, process CPU per token
/// (cpuMsPerToken, baselineCpuMsPerToken, cpuRatio = baseline ÷ target); for a hybrid policy also
/// classicalTokensPerSecond, classicalP99Ms, classicalErrors and hybridRatio (hybrid ÷ classical, same target and run); <c>points</c>
/// holds every concurrency of a sweep (one entry without --sweep).
/// </summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Render(string target, TsaPolicy policy, int seconds, IReadOnlyList<BenchPoint> points)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("a bench report needs at least one measured point", nameof(points));
        var last = Point(points[^1]);
        var document = new Dictionary<string, object?>(last)
        {
            ["target"] = target,
            ["policy"] = policy.Name,
            ["policyOid"] = policy.Oid,
            ["seconds"] = seconds,
            ["machineCores"] = Environment.ProcessorCount,
            ["points"] = points.Select(Point).ToList(),
        };
        return JsonSerializer.Serialize(document, Options);
    }

    private static Dictionary<string, object?> Point(BenchPoint p)
    {
        var point = Common(p);
        if (p.Classical is { } classical)
        {
            point["classicalTokensPerSecond"] = Math.Round(classical.TokensPerSecond, 1);
            point["classicalP99Ms"] = Math.Round(classical.Latency.P99Ms, 3);
            point["classicalErrors"] = classical.ErrorCount;
            point["hybridRatio"] = Math.Round(p.HybridRatio!.Value, 4);
        }
        return point;
    }

    private static Dictionary<string, object?> Common(BenchPoint p) => new()
    {
        ["concurrency"] = p.Target.Concurrency,
        ["tokens"] = p.Target.Granted,
        ["tokensPerSecond"] = Math.Round(p.Target.TokensPerSecond, 1),
        ["p50Ms"] = Math.Round(p.Target.Latency.P50Ms, 3),
        ["p90Ms"] = Math.Round(p.Target.Latency.P90Ms, 3),
        ["p99Ms"] = Math.Round(p.Target.Latency.P99Ms, 3),
        ["maxMs"] = Math.Round(p.Target.Latency.MaxMs, 3),
        ["errors"] = p.Target.ErrorCount,
        ["errorsByReason"] = p.Target.Errors,
        ["verifiedSamples"] = p.Target.Verified,
        ["baselineTokensPerSecond"] = Math.Round(p.Baseline.TokensPerSecond, 1),
        ["baselineP99Ms"] = Math.Round(p.Baseline.Latency.P99Ms, 3),
        ["baselineErrors"] = p.Baseline.ErrorCount,
        ["ratio"] = Math.Round(p.Ratio, 4),
        ["cpuMsPerToken"] = Math.Round(p.Target.CpuMsPerToken, 4),
        ["baselineCpuMsPerToken"] = Math.Round(p.Baseline.CpuMsPerToken, 4),
        ["cpuRatio"] = Math.Round(p.CpuRatio, 4),
    };
}
