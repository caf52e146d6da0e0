namespace CcTsa.Contracts.Events.Cluster;

/// <summary>Alert level attached to a cluster state (seed §8 "Alert Level" column).</summary>
public enum AlertLevel
{
    None,
    Info,
    Warning,
    Critical,
    Emergency,
}
