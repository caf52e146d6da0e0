using CcTsa.Contracts.Ids;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane;

/// <summary>
/// Log messages of the fleet, runbooks and hosting (stable EventIds 3000–3999). Only ids, epochs,
/// counts and reasons; never payload bytes.
/// </summary>
internal static partial class ControlPlaneLog
{
    [LoggerMessage(3001, LogLevel.Information, "Node {Node} ({Provider}) attested")]
    public static partial void NodeAttested(ILogger logger, NodeId node, string provider);

    [LoggerMessage(3002, LogLevel.Warning, "Node {Node} attestation rejected: {Reason}")]
    public static partial void AttestationRejected(ILogger logger, NodeId node, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "Node {Node} did not answer the attestation request")]
    public static partial void AttestationUnanswered(ILogger logger, NodeId node);

    [LoggerMessage(3004, LogLevel.Warning, "Node {Node} lost: {Reason}")]
    public static partial void NodeLost(ILogger logger, NodeId node, string reason);

    [LoggerMessage(3005, LogLevel.Information, "Node {Node} online ({Provider})")]
    public static partial void NodeOnline(ILogger logger, NodeId node, string provider);

    [LoggerMessage(3010, LogLevel.Information, "Ceremony {Ceremony} ({Kind}) for epoch {Epoch} started with {Count} participants")]
    public static partial void CeremonyStarted(ILogger logger, CeremonyId ceremony, string kind, int epoch, int count);

    [LoggerMessage(3011, LogLevel.Information, "Ceremony {Ceremony} completed in {Millis} ms")]
    public static partial void CeremonyCompleted(ILogger logger, CeremonyId ceremony, long millis);

    [LoggerMessage(3012, LogLevel.Warning, "Ceremony {Ceremony} aborted: {Reason}")]
    public static partial void CeremonyAborted(ILogger logger, CeremonyId ceremony, string reason);

    [LoggerMessage(3013, LogLevel.Information, "Ceremony {Ceremony} was left open by a previous control plane: {Status}")]
    public static partial void CeremonyResuming(ILogger logger, CeremonyId ceremony, string status);

    // 3020/3021 (per-batch signing failures) are now aggregated by Logging.RepeatedWarnings (3070/3071)

    [LoggerMessage(3022, LogLevel.Information, "Signing batch {Batch}: coordinator {Node} silent for {Millis} ms, hedged to {Hedge}")]
    public static partial void BatchHedged(ILogger logger, RoundId batch, NodeId node, long millis, NodeId hedge);

    [LoggerMessage(3030, LogLevel.Warning, "Incident {Incident} ({Kind}) opened: {Summary}")]
    public static partial void IncidentOpened(ILogger logger, string incident, string kind, string summary);

    [LoggerMessage(3031, LogLevel.Information, "Incident {Incident} step {Step}: {Outcome}")]
    public static partial void RunbookStep(ILogger logger, string incident, string step, string outcome);

    [LoggerMessage(3032, LogLevel.Information, "Incident {Incident} resolved: {Resolution}")]
    public static partial void IncidentResolved(ILogger logger, string incident, string resolution);

    [LoggerMessage(3034, LogLevel.Information, "Incident {Incident}: {Kind} — {Reason}")]
    public static partial void RunbookDecided(ILogger logger, string incident, string kind, string reason);

    [LoggerMessage(3033, LogLevel.Error, "Runbook step {Step} failed with an internal error")]
    public static partial void RunbookCrashed(ILogger logger, string step, Exception exception);

    [LoggerMessage(3035, LogLevel.Error, "Incident {Incident}: step {Step} ran {Attempts} times without changing the facts; escalated, retries stopped until the facts change")]
    public static partial void RunbookStalled(ILogger logger, string incident, string step, int attempts);

    [LoggerMessage(3041, LogLevel.Error, "Certificate file of epoch {Epoch} is not for the group key the log records ({Fingerprint}); moved to {MovedTo}, never used")]
    public static partial void CertificateMismatch(ILogger logger, int epoch, string fingerprint, string movedTo);

    [LoggerMessage(3040, LogLevel.Information, "Certificate for epoch {Epoch} issued and installed")]
    public static partial void CertificateInstalled(ILogger logger, int epoch);

    [LoggerMessage(3042, LogLevel.Information, "Certificate for the {Scheme} key of epoch {Epoch} issued and installed")]
    public static partial void SchemeCertificateInstalled(ILogger logger, int epoch, string scheme);

    [LoggerMessage(3043, LogLevel.Warning, "No certificate yet for the {Scheme} key of epoch {Epoch} (its policy stays unoffered; retried at the next provisioning or node attestation): {Detail}")]
    public static partial void SchemeCertificatePending(ILogger logger, int epoch, string scheme, string detail);

    [LoggerMessage(3050, LogLevel.Error, "Background task failed: {What}")]
    public static partial void BackgroundFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(3052, LogLevel.Error, "{Message}")]
    public static partial void LogIdentityMismatch(ILogger logger, string message);

    [LoggerMessage(3051, LogLevel.Warning, "Cluster state {From} -> {To}: {Reason}")]
    public static partial void ClusterStateChanged(ILogger logger, string from, string to, string reason);

    [LoggerMessage(3060, LogLevel.Warning, "Dropped a {Kind} claiming to be from {Node}: {Reason} ({Dropped} dropped so far)")]
    public static partial void NodeMessageDropped(ILogger logger, string kind, NodeId node, string reason, long dropped);
}
