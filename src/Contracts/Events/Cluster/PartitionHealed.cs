namespace CcTsa.Contracts.Events.Cluster;

/// <summary>All nodes reach each other again; healing needs no ceremony.</summary>
public sealed record PartitionHealed(DateTimeOffset At);
