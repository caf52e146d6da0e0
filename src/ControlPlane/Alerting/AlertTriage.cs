using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.ControlPlane.Projections;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// Decides, event by event, what pages people (pure: no I/O). A cluster alert level of Warning or
/// above is sent when it differs from the last one sent — a Recovering interlude between two
/// Warnings does not page twice —, and one "recovered" notice follows when the cluster is Healthy
/// again after any of them. Every incident opening and closing is sent once. Info-level moves
/// (first start, ceremonies) page nobody.
/// </summary>
public sealed class AlertTriage(AlertLevel pagedAtStart)
{
    private AlertLevel _paged = pagedAtStart >= AlertLevel.Warning ? pagedAtStart : AlertLevel.None;
    private AlertLevel _level = pagedAtStart;

    /// <summary>The level of the last notice that paged (None after a recovery).</summary>
    public AlertLevel Paged => _paged;

    /// <summary>The notice for event <paramref name="data"/> at <paramref name="sequence"/>, or null; <paramref name="after"/> is the read model including it.</summary>
    public AlertNotice? Observe(long sequence, object data, ProjectionSet after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return data switch
        {
            ClusterStateChanged s => OnState(sequence, s),
            IncidentOpened i => new AlertNotice($"incident/{i.Id}/opened", AlertNoticeKind.IncidentOpened, Max(AlertLevel.Warning, _level), after.Health.State,
                $"incident opened: {i.Kind}", i.Summary, i.Id.ToString(), i.Kind, i.Nodes, sequence, i.At),
            IncidentResolved r => Resolved(sequence, r, after),
            _ => null,
        };
    }

    private AlertNotice? OnState(long sequence, ClusterStateChanged s)
    {
        _level = s.AlertLevel;
        if (s.AlertLevel >= AlertLevel.Warning)
        {
            if (s.AlertLevel == _paged) return null;
            _paged = s.AlertLevel;
            return Notice(AlertNoticeKind.Alert, s.AlertLevel, $"cluster {s.To}");
        }
        if (s.To != ClusterState.Healthy || _paged < AlertLevel.Warning) return null;
        var was = _paged;
        _paged = AlertLevel.None;
        return Notice(AlertNoticeKind.Recovered, AlertLevel.Info, $"cluster Healthy again (was {was})");

        AlertNotice Notice(AlertNoticeKind kind, AlertLevel level, string subject) =>
            new($"cluster/{sequence}", kind, level, s.To, subject, s.Reason, null, null, [], sequence, s.At);
    }

    private static AlertNotice Resolved(long sequence, IncidentResolved r, ProjectionSet after)
    {
        var entry = after.Incidents.ById.GetValueOrDefault(r.Id.ToString());
        var kind = entry?.Kind ?? "incident";
        return new AlertNotice($"incident/{r.Id}/resolved", AlertNoticeKind.IncidentResolved, AlertLevel.Info, after.Health.State,
            $"incident resolved: {kind}", r.Resolution, r.Id.ToString(), entry?.Kind, entry?.Nodes ?? [], sequence, r.At);
    }

    private static AlertLevel Max(AlertLevel a, AlertLevel b) => a >= b ? a : b;
}
