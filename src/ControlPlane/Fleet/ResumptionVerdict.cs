namespace CcTsa.ControlPlane.Fleet;

/// <summary>What a restarted control plane does with a ceremony the log shows open.</summary>
public enum ResumptionVerdict
{
    /// <summary>Answers may still come (queued while no control plane ran, or still being computed).</summary>
    Wait,
    /// <summary>Every expected answer is in and agrees: record the ceremony as completed.</summary>
    Complete,
    /// <summary>Record CeremonyAborted and tell the participants to abandon it.</summary>
    Abort,
}
