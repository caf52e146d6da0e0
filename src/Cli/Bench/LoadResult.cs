namespace CcTsa.Cli.Bench;

/// <summary>
/// One closed-loop phase: granted tokens, errors by reason, latencies, how many tokens were verified,
/// and the CPU this process spent meanwhile (all threads: with --embedded the whole TSA and the load
/// generator; with --url the load generator only).
/// </summary>
public sealed record LoadResult(int Concurrency, TimeSpan Elapsed, long Granted, IReadOnlyDictionary<string, long> Errors, LatencySummary Latency, long Verified,
    TimeSpan ProcessCpu)
{
    public double TokensPerSecond => Elapsed > TimeSpan.Zero ? Granted / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// Process CPU milliseconds per granted token (0 when none was granted): unlike tokens/s it does not
    /// move when other programs take the cores, so it is the figure to compare on a shared machine.
    /// </summary>
    public double CpuMsPerToken => Granted > 0 ? ProcessCpu.TotalMilliseconds / Granted : 0;

    public long ErrorCount => Errors.Values.Sum();
}
