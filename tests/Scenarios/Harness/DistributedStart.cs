namespace CcTsa.Scenarios.Harness;

/// <summary>
/// How a <see cref="DistributedTsa"/> starts: shortened failure-detection timings (the default, see
/// <see cref="ScenarioTimings"/>) or the production defaults, and what its data folder holds
/// before `cctsa serve` first runs (e.g. a pki/ folder left by an earlier deployment).
/// </summary>
public sealed record DistributedStart(bool ProductionTimings = false, Func<string, Task>? PrepareData = null)
{
    public static DistributedStart Default { get; } = new();
}
