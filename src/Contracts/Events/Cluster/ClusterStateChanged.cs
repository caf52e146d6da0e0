namespace CcTsa.Contracts.Events.Cluster;

/// <summary>The cluster health state moved (seed §8); counts are those the rules decided on.</summary>
public sealed record ClusterStateChanged(ClusterState From, ClusterState To, AlertLevel AlertLevel, int SharesHeld, int SigningNodes, string Reason, DateTimeOffset At);
