namespace CcTsa.ControlPlane.Runbooks;

/// <summary>The incident kinds recorded in IncidentOpened.Kind (exposed by /api/incidents).</summary>
public static class IncidentKinds
{
    /// <summary>No key yet: the first DKG and certificate (same procedure as a quorum loss of epoch 0).</summary>
    public const string Bootstrap = "bootstrap";
    public const string NodeLost = "nodeLost";
    public const string QuorumLost = "quorumLost";
    public const string Compromise = "compromise";
    public const string ClockDrift = "clockDrift";
    public const string Partition = "partition";

    /// <summary>The first step of every incident: Detail = the key epoch current when it opened.</summary>
    public const string EpochStep = "epoch";

    /// <summary>The step that records a compromise report's time (Detail = RFC 3339), so a restart can resume it.</summary>
    public const string CompromiseReported = "reported";
}
