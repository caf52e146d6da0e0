using CcTsa.Contracts.Events.Cluster;

namespace CcTsa.ControlPlane.Health;

/// <summary>
/// Seed §1/§8 as a pure function. The count that decides is the number of nodes that can sign
/// with the current epoch's share: a node excluded for clock drift keeps its share but counts as
/// offline for signing (seed §9), so the signing count is capped by the shares held.
/// 5 → Healthy/None, 4 → Degraded/Warning, 3 → Critical/Critical, &lt;3 → Unavailable/Emergency;
/// (the figures for 3-of-5); while a ceremony runs → Recovering/Info. Threshold and fleet size are
/// always the caller's (FleetOptions): nothing here assumes 3-of-5. ClusterStateTracker records a
/// transition only when the decided state differs from the current one.
/// </summary>
public static class ClusterStateRules
{
    public sealed record Verdict(ClusterState State, AlertLevel AlertLevel, int EffectiveNodes, bool SigningAllowed);

    public static Verdict Decide(int sharesHeld, int signingNodes, bool ceremonyRunning, int threshold, int fleetSize)
    {
        if (threshold < 1 || fleetSize < threshold) throw new ArgumentOutOfRangeException(nameof(threshold), "Need 1 ≤ threshold ≤ fleet size.");
        var effective = Math.Clamp(Math.Min(sharesHeld, signingNodes), 0, fleetSize);
        var canSign = effective >= threshold;
        if (ceremonyRunning) return new Verdict(ClusterState.Recovering, AlertLevel.Info, effective, canSign);
        var (state, alert) = effective switch
        {
            _ when effective >= fleetSize => (ClusterState.Healthy, AlertLevel.None),
            _ when effective == fleetSize - 1 && effective > threshold => (ClusterState.Degraded, AlertLevel.Warning),
            _ when effective == threshold => (ClusterState.Critical, AlertLevel.Critical),
            _ when effective > threshold => (ClusterState.Degraded, AlertLevel.Warning),
            _ => (ClusterState.Unavailable, AlertLevel.Emergency),
        };
        return new Verdict(state, alert, effective, canSign);
    }
}
