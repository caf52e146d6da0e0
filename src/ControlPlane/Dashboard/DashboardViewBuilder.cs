using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Health;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Dashboard;

/// <summary>
/// Builds <see cref="DashboardView"/> from the live read model. The state comes from
/// <see cref="ClusterApi.Build"/> (one rule for what /api/cluster and the page show); the rest is
/// read from the roster, the certificates projection and <see cref="IssuanceSeries"/>.
/// </summary>
public sealed class DashboardViewBuilder(
    FleetState state, ClusterStateTracker health, Readiness readiness, TsaPolicySet policies, FleetOptions options, FleetMetrics metrics, TimeProvider time)
{
    /// <summary>The view now, with the issuance of the last <paramref name="series"/> (null: none) and, with a series, the event types.</summary>
    public DashboardView Build(TimeSpan? series)
    {
        var cluster = ClusterApi.Build(state, health, readiness, policies.Default);
        var roster = state.Roster.All.ToDictionary(v => v.Id.Value, StringComparer.Ordinal);
        var nodes = cluster.Nodes.Select(n =>
        {
            var v = roster.GetValueOrDefault(n.Id);
            return new DashboardNode(n.Id, n.Provider, n.Online, n.Attested, n.HoldsShare, n.ClockHealthy, n.Excluded,
                v?.ClockOffsetMicros, v?.ClockUncertaintyMicros)
            {
                EcdsaPairedPeers = v?.EcdsaPairedPeers is { } paired ? [.. paired.Select(p => p.Value).Order(StringComparer.Ordinal)] : null,
            };
        }).ToList();
        var epoch = cluster.Epoch;
        var certificates = state.Certificates.ForEpoch(epoch)
            .Select(c => new DashboardCertificate(c.Epoch, c.Scheme, c.SerialHex, c.NotAfter, c.Revoked))
            .ToList();
        var alert = AlertOf(Enum.Parse<ClusterState>(cluster.State));
        return new DashboardView(cluster.State, alert.ToString(), epoch, cluster.PublicKey, cluster.PublicKeys, nodes,
            options.ClockToleranceMicros, certificates, time.GetUtcNow())
        {
            Series = series is { } span ? metrics.Series.Points(span) : null,
            EventTypes = series is null ? null : [.. EventStore.EventCodec.Aliases.Values.Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>The alert level of a state, as <see cref="ClusterStateRules.Decide"/> pairs them (seed §8).</summary>
    public static AlertLevel AlertOf(ClusterState state) => state switch
    {
        ClusterState.Healthy => AlertLevel.None,
        ClusterState.Degraded => AlertLevel.Warning,
        ClusterState.Critical => AlertLevel.Critical,
        ClusterState.Recovering => AlertLevel.Info,
        ClusterState.Unavailable => AlertLevel.Emergency,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A cluster state the dashboard has no alert level for."),
    };
}
