using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Fleet;

public class SuspectedNodesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static NodeView View(int index, DateTimeOffset lastSeen) =>
        new(NodeId.FromIndex(index), "p", true, true, 1, true, false, lastSeen, 3);

    [Fact]
    public void Suspect_without_a_later_heartbeat_is_tried_last_and_avoided()
    {
        var suspects = new SuspectedNodes();
        var views = Enumerable.Range(1, 5).Select(i => View(i, T0)).ToList();
        var roster = RosterOf(views);
        suspects.Suspect(NodeId.FromIndex(1), T0.AddSeconds(1));

        Assert.Equal([2, 3, 4, 5, 1], suspects.TryingOrder(views).Select(v => v.Id.Index));
        Assert.Equal([NodeId.FromIndex(1)], suspects.Avoid(roster));
    }

    [Fact]
    public void Heartbeat_after_the_suspicion_clears_it()
    {
        var suspects = new SuspectedNodes();
        suspects.Suspect(NodeId.FromIndex(2), T0);
        Assert.True(suspects.IsSuspected(View(2, T0)));
        Assert.False(suspects.IsSuspected(View(2, T0.AddMilliseconds(1))));
        Assert.False(suspects.IsSuspected(View(2, T0)), "forgiven for good once heard again");
    }

    [Fact]
    public void Unsuspected_fleet_keeps_the_id_order_and_avoids_nobody()
    {
        var views = Enumerable.Range(1, 3).Select(i => View(i, T0)).ToList();
        var suspects = new SuspectedNodes();
        Assert.Equal([1, 2, 3], suspects.TryingOrder(views).Select(v => v.Id.Index));
        Assert.Empty(suspects.Avoid(RosterOf(views)));
    }

    private static FleetRoster RosterOf(IEnumerable<NodeView> views) =>
        FleetRoster.Empty with { Nodes = FleetRoster.Empty.Nodes.SetItems(views.Select(v => KeyValuePair.Create(v.Id.Value, v))) };
}
