namespace CcTsa.Contracts.Events.Cluster;

/// <summary>Cluster health states of the seed's §8 state machine.</summary>
public enum ClusterState
{
    Healthy,
    Degraded,
    Critical,
    Unavailable,
    Recovering,
}
