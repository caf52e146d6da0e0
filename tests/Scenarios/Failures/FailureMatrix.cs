namespace CcTsa.Scenarios.Failures;

/// <summary>
/// All failure-matrix scenarios share one collection that never runs in parallel with anything:
/// each starts six OS processes and the machine has two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailureMatrix
{
    public const string Name = "Failure matrix";
}
