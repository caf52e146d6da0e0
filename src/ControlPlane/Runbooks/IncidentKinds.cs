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

    /// <summary>
    /// The audit log failed verification at start-up (truncated, rewritten, or a signed tree head or
    /// old anchor that does not verify): issuance is refused until an operator restores the log (docs/RUNBOOKS.md).
    /// </summary>
    public const string AuditChainBroken = "auditChainBroken";

    /// <summary>The alert level an incident of <paramref name="kind"/> raises.</summary>
    public static CcTsa.Contracts.Events.Cluster.AlertLevel AlertLevelOf(string kind) => kind switch
    {
        AuditChainBroken or Compromise or QuorumLost => CcTsa.Contracts.Events.Cluster.AlertLevel.Emergency,
        Partition or ClockDrift or RunbookStalled => CcTsa.Contracts.Events.Cluster.AlertLevel.Critical,
        CertificateMismatch => CcTsa.Contracts.Events.Cluster.AlertLevel.Warning,
        NodeLost => CcTsa.Contracts.Events.Cluster.AlertLevel.Warning,
        _ => CcTsa.Contracts.Events.Cluster.AlertLevel.Info,
    };
}
