namespace CcTsa.ControlPlane.Runbooks;

/// <summary>The incident kinds recorded in IncidentOpened.Kind (exposed by /api/incidents); the context is typed on IncidentOpened.</summary>
public static class IncidentKinds
{
    /// <summary>No key yet: the first DKG and certificate (same procedure as a quorum loss of epoch 0).</summary>
    public const string Bootstrap = "bootstrap";
    public const string NodeLost = "nodeLost";
    public const string QuorumLost = "quorumLost";
    public const string Compromise = "compromise";
    public const string ClockDrift = "clockDrift";
    public const string Partition = "partition";

    /// <summary>A runbook step ran its bounded number of times without changing the facts (names the step); retries stopped.</summary>
    public const string RunbookStalled = "runbookStalled";

    /// <summary>A certificate under data/pki is not for the group key the log records for its epoch; it was set aside, never used.</summary>
    public const string CertificateMismatch = "certificateMismatch";
}
