using CcTsa.Contracts.Events.Cluster;

namespace CcTsa.Contracts.Events.Alerting;

/// <summary>
/// One delivery attempt of an alert failed (HTTP status, timeout, refused connection: Reason says
/// which). GaveUp is true on the last attempt, after which nobody was told through this Target.
/// </summary>
public sealed record AlertDeliveryFailed(string Key, string Target, AlertLevel Level, string Subject, int Attempt, bool GaveUp, string Reason, DateTimeOffset At);
