namespace CcTsa.Cli.Bench;

/// <summary>One concurrency level of a bench: the target's phase and the single-key baseline's, run back to back.</summary>
public sealed record BenchPoint(LoadResult Target, LoadResult Baseline)
{
    /// <summary>Target ÷ baseline throughput (0 when the baseline issued nothing).</summary>
    public double Ratio => Baseline.TokensPerSecond > 0 ? Target.TokensPerSecond / Baseline.TokensPerSecond : 0;
}
