namespace CcTsa.Cli.Bench;

/// <summary>
/// One concurrency level of a bench: the target's phase and the single-key baseline's, run back to back;
/// for a hybrid policy also <see cref="Classical"/>, the same target under the hybrid policy's classical
/// policy (ecdsa-p384), so hybrid and classical tokens/s come from the same run.
/// </summary>
public sealed record BenchPoint(LoadResult Target, LoadResult Baseline, LoadResult? Classical = null)
{
    /// <summary>Target ÷ the same target under the classical policy (null without a classical phase, 0 when it issued nothing).</summary>
    public double? HybridRatio => Classical is null ? null : Classical.TokensPerSecond > 0 ? Target.TokensPerSecond / Classical.TokensPerSecond : 0;

    /// <summary>Target ÷ baseline throughput (0 when the baseline issued nothing).</summary>
    public double Ratio => Baseline.TokensPerSecond > 0 ? Target.TokensPerSecond / Baseline.TokensPerSecond : 0;

    /// <summary>
    /// Baseline ÷ target process CPU per token (0 when either issued nothing): the share of the baseline's
    /// throughput the target would reach with the cores to itself, whatever the neighbours took meanwhile.
    /// </summary>
    public double CpuRatio => Target.CpuMsPerToken > 0 && Baseline.CpuMsPerToken > 0 ? Baseline.CpuMsPerToken / Target.CpuMsPerToken : 0;
}
