using CcTsa.Contracts.Events.Cluster;

namespace CcTsa.Contracts.Events.Alerting;

/// <summary>
/// An alert reached a receiver (a webhook answered 2xx). Key identifies the alert (one per
/// incident opening/closing or alert-level transition, so a receiver gets each once); Target
/// names the receiver by position and host only, because webhook URLs often carry a secret path.
/// </summary>
public sealed record AlertDelivered(string Key, string Target, AlertLevel Level, string Subject, int Attempts, int Status, DateTimeOffset At);
