using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>The notifier's log lines (source-generated); keys and target names only, never a webhook URL.</summary>
internal static partial class AlertingLog
{
    [LoggerMessage(7001, LogLevel.Warning, "Alert {Key} to {Target}: attempt {Attempt} failed: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string key, string target, int attempt, string reason);

    [LoggerMessage(7002, LogLevel.Error, "Alert {Key} was not delivered to {Target}: every attempt failed (see alert_delivery_failed in the audit log)")]
    public static partial void GaveUp(ILogger logger, string key, string target);

    [LoggerMessage(7003, LogLevel.Debug, "Alert {Key} not sent: another control plane leads and sends it")]
    public static partial void NotLeader(ILogger logger, string key);

    [LoggerMessage(7004, LogLevel.Warning, "Alert outcome {Outcome} not recorded, the event store is unavailable: {Reason}")]
    public static partial void NotRecorded(ILogger logger, string outcome, string reason);

    [LoggerMessage(7005, LogLevel.Warning, "Alert hand-over postponed, the event store is unavailable: {Reason}")]
    public static partial void HandOverPostponed(ILogger logger, string reason);
}
