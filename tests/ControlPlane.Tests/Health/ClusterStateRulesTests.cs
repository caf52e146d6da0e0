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
        var v = ClusterStateRules.Decide(shares, signing, ceremony);
        Assert.Equal((state, alert, canSign), (v.State, v.AlertLevel, v.SigningAllowed));
    }

    [Fact]
    public void Transition_with_unchanged_state_is_null()
    {
        Assert.Null(ClusterStateRules.Transition(ClusterState.Healthy, 5, 5, false));
        Assert.Equal(ClusterState.Degraded, ClusterStateRules.Transition(ClusterState.Healthy, 4, 4, false)!.State);
    }

    [Fact]
    public void Decide_with_threshold_above_fleet_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterStateRules.Decide(5, 5, false, threshold: 6, fleetSize: 5));
}
