using CcTsa.Contracts.Events.Cluster;
using CcTsa.ControlPlane.Health;

namespace CcTsa.ControlPlane.Tests.Health;

public sealed class ClusterStateRulesTests
{
    [Theory]
    [InlineData(5, 5, false, ClusterState.Healthy, AlertLevel.None, true)]
    [InlineData(4, 4, false, ClusterState.Degraded, AlertLevel.Warning, true)]
    [InlineData(3, 3, false, ClusterState.Critical, AlertLevel.Critical, true)]
    [InlineData(2, 2, false, ClusterState.Unavailable, AlertLevel.Emergency, false)]
    [InlineData(1, 1, false, ClusterState.Unavailable, AlertLevel.Emergency, false)]
    [InlineData(0, 0, false, ClusterState.Unavailable, AlertLevel.Emergency, false)]
    // excluded (clock-drifting) nodes keep their share but do not sign (seed §9)
    [InlineData(5, 4, false, ClusterState.Degraded, AlertLevel.Warning, true)]
    [InlineData(5, 3, false, ClusterState.Critical, AlertLevel.Critical, true)]
    [InlineData(5, 2, false, ClusterState.Unavailable, AlertLevel.Emergency, false)]
    // a node that signs but lost its share does not count
    [InlineData(3, 5, false, ClusterState.Critical, AlertLevel.Critical, true)]
    // during a ceremony: Recovering/Info whatever the count; signing still follows the count
    [InlineData(4, 4, true, ClusterState.Recovering, AlertLevel.Info, true)]
    [InlineData(0, 0, true, ClusterState.Recovering, AlertLevel.Info, false)]
    public void Decide_maps_counts_to_state_and_alert(int shares, int signing, bool ceremony, ClusterState state, AlertLevel alert, bool canSign)
    {
        var v = ClusterStateRules.Decide(shares, signing, ceremony, threshold: 3, fleetSize: 5);
        Assert.Equal((state, alert, canSign), (v.State, v.AlertLevel, v.SigningAllowed));
    }

    [Theory]
    // 4-of-7: one down is Degraded, down to the threshold Critical, below it Unavailable
    [InlineData(7, 4, 7, ClusterState.Healthy, true)]
    [InlineData(6, 4, 7, ClusterState.Degraded, true)]
    [InlineData(5, 4, 7, ClusterState.Degraded, true)]
    [InlineData(4, 4, 7, ClusterState.Critical, true)]
    [InlineData(3, 4, 7, ClusterState.Unavailable, false)]
    // 2-of-3: losing one node leaves exactly the threshold
    [InlineData(2, 2, 3, ClusterState.Critical, true)]
    [InlineData(1, 2, 3, ClusterState.Unavailable, false)]
    public void Decide_follows_the_configured_threshold_and_fleet_size(int nodes, int threshold, int fleetSize, ClusterState state, bool canSign)
    {
        var v = ClusterStateRules.Decide(nodes, nodes, false, threshold, fleetSize);
        Assert.Equal((state, canSign), (v.State, v.SigningAllowed));
    }

    [Fact]
    public void Decide_with_threshold_above_fleet_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterStateRules.Decide(5, 5, false, threshold: 6, fleetSize: 5));
}
