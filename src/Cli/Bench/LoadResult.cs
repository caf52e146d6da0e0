namespace CcTsa.Cli.Bench;

/// <summary>One closed-loop phase: granted tokens, errors by reason, latencies, how many tokens were verified.</summary>
public sealed record LoadResult(int Concurrency, TimeSpan Elapsed, long Granted, IReadOnlyDictionary<string, long> Errors, LatencySummary Latency, long Verified)
{
    public double TokensPerSecond => Elapsed > TimeSpan.Zero ? Granted / Elapsed.TotalSeconds : 0;

    public long ErrorCount => Errors.Values.Sum();
}
