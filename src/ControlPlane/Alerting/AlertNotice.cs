using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// One thing to tell people, decided by <see cref="AlertTriage"/> from one audit event. Key is what
/// deduplicates it ("incident/{id}/opened", "cluster/{sequence}"); Sequence is the event it came
/// from. Public facts only (states, counts, node ids, incident summaries), like the log itself.
/// </summary>
public sealed record AlertNotice(
    string Key,
    AlertNoticeKind Kind,
    AlertLevel Level,
    ClusterState State,
    string Subject,
    string Detail,
    string? Incident,
    string? IncidentKind,
    IReadOnlyList<NodeId> Nodes,
    long Sequence,
    DateTimeOffset At)
{
    /// <summary>The one-line human form (Slack's <c>text</c>): "[Emergency] cctsa: cluster Unavailable — reason".</summary>
    public string Text => $"[{Level}] cctsa: {Subject}" + (Detail.Length > 0 ? " — " + Detail : "");
}
