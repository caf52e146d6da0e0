using CcTsa.Contracts.Events.Cluster;
using CcTsa.ControlPlane.Alerting;
using CcTsa.ControlPlane.Projections;

namespace CcTsa.ControlPlane.Tests.Alerting;

/// <summary>What pages and what does not, as a pure function of the events in order.</summary>
public sealed class AlertTriageTests
{
    [Fact]
    public void A_recovering_interlude_between_two_warnings_pages_once()
    {
        var triage = new AlertTriage(AlertLevel.None);
        var notices = Observe(triage,
            (ClusterState.Degraded, AlertLevel.Warning), (ClusterState.Recovering, AlertLevel.Info), (ClusterState.Degraded, AlertLevel.Warning));
        Assert.Equal([(AlertNoticeKind.Alert, AlertLevel.Warning)], notices);
    }

    [Fact]
    public void Escalation_pages_each_new_level_and_healthy_pages_one_recovery()
    {
        var triage = new AlertTriage(AlertLevel.None);
        var notices = Observe(triage,
            (ClusterState.Degraded, AlertLevel.Warning), (ClusterState.Critical, AlertLevel.Critical), (ClusterState.Unavailable, AlertLevel.Emergency),
            (ClusterState.Recovering, AlertLevel.Info), (ClusterState.Healthy, AlertLevel.None), (ClusterState.Healthy, AlertLevel.None));
        Assert.Equal(
            [(AlertNoticeKind.Alert, AlertLevel.Warning), (AlertNoticeKind.Alert, AlertLevel.Critical), (AlertNoticeKind.Alert, AlertLevel.Emergency), (AlertNoticeKind.Recovered, AlertLevel.Info)],
            notices);
        Assert.Equal(AlertLevel.None, triage.Paged);
    }

    [Fact]
    public void First_start_pages_nobody_and_a_restart_while_degraded_still_pages_the_recovery()
    {
        Assert.Empty(Observe(new AlertTriage(AlertLevel.None), (ClusterState.Recovering, AlertLevel.Info), (ClusterState.Healthy, AlertLevel.None)));
        Assert.Equal([(AlertNoticeKind.Recovered, AlertLevel.Info)], Observe(new AlertTriage(AlertLevel.Warning), (ClusterState.Healthy, AlertLevel.None)));
    }

    private static List<(AlertNoticeKind, AlertLevel)> Observe(AlertTriage triage, params (ClusterState To, AlertLevel Level)[] moves)
    {
        var notices = new List<(AlertNoticeKind, AlertLevel)>();
        var from = ClusterState.Healthy;
        var sequence = 0L;
        foreach (var (to, level) in moves)
        {
            var e = new ClusterStateChanged(from, to, level, 5, 5, "test", DateTimeOffset.UnixEpoch);
            if (triage.Observe(++sequence, e, ProjectionSet.Empty) is { } notice) notices.Add((notice.Kind, notice.Level));
            from = to;
        }
        return notices;
    }
}
