using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;
using static CcTsa.ControlPlane.Tests.Fleet.RosterBuilder;

namespace CcTsa.ControlPlane.Tests.Fleet;

public sealed class FleetMeasurementPinTests
{
    private const string Old = "aa";
    private const string New = "bb";
    private static readonly NodeId N5 = NodeId.FromIndex(5);

    /// <summary>Nodes 1..count online, attested with <paramref name="measurement"/>, holding <paramref name="epoch"/>.</summary>
    private static FleetRoster Fleet(int count, int? epoch, string measurement)
    {
        var roster = FleetOf(count, epoch);
        for (var i = 1; i <= count; i++) roster = roster.WithAttestation(NodeId.FromIndex(i), true, measurement);
        return roster;
    }

    [Fact]
    public void Check_live_epoch_admits_its_certificate_measurement()
    {
        Assert.Null(FleetMeasurementPin.Check(N5, Old, Fleet(4, 1, Old), 1, Old));
    }

    [Fact]
    public void Check_live_epoch_refuses_another_measurement_naming_it()
    {
        var reason = FleetMeasurementPin.Check(N5, New, Fleet(4, 1, Old), 1, Old);
        Assert.NotNull(reason);
        Assert.Contains("measurement", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Old, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_live_epoch_pins_the_certificate_even_if_attested_others_differ()
    {
        // only the certificate's measurement may join a key that is still alive
        Assert.NotNull(FleetMeasurementPin.Check(N5, New, Fleet(4, 1, New), 1, Old));
    }

    [Fact]
    public void Check_comparison_ignores_hex_case()
    {
        Assert.Null(FleetMeasurementPin.Check(N5, "AB", Fleet(4, 1, "ab"), 1, "ab"));
    }

    [Fact]
    public void Check_without_live_holders_follows_the_attested_fleet()
    {
        var fresh = Fleet(2, null, New);
        Assert.Null(FleetMeasurementPin.Check(N5, New, fresh, 1, Old));
        Assert.NotNull(FleetMeasurementPin.Check(N5, Old, fresh, 1, Old));
    }

    [Fact]
    public void Check_with_nobody_alive_adopts_the_node_measurement()
    {
        // every old holder is gone (a software update re-keys): the first node sets the new measurement
        var dead = Fleet(4, 1, Old);
        for (var i = 1; i <= 4; i++) dead = dead.WithOffline(NodeId.FromIndex(i));
        Assert.Null(FleetMeasurementPin.Check(N5, New, dead, 1, Old));
        Assert.Null(FleetMeasurementPin.Check(N5, New, FleetRoster.Empty, 0, null));
    }

    [Fact]
    public void Check_a_node_that_itself_holds_the_live_epoch_must_match_its_certificate()
    {
        // a control plane that restarted hears first from one holder: its share was given under the old measurement
        var alone = FleetRoster.Empty.OnHeartbeat(Beat(5, 1), T0, 2).Roster;
        Assert.NotNull(FleetMeasurementPin.Check(N5, New, alone, 1, Old));
        Assert.Null(FleetMeasurementPin.Check(N5, Old, alone, 1, Old));
    }

    [Fact]
    public void Check_unattested_online_nodes_do_not_set_the_fleet_measurement()
    {
        var pending = FleetRoster.Empty.OnHeartbeat(Beat(1, null), T0, 2).Roster;
        Assert.Null(FleetMeasurementPin.Check(N5, New, pending, 0, null));
    }
}
