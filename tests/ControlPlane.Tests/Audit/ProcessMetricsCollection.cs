namespace CcTsa.ControlPlane.Tests.Audit;

/// <summary>Tests that read process-wide Prometheus gauges a parallel host would also set: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsCollection
{
    public const string Name = "process-metrics";
}
