using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;
using static CcTsa.ControlPlane.Tests.Fleet.RosterBuilder;

namespace CcTsa.ControlPlane.Tests.Fleet;

public class ClockEventsTests
{
    private static readonly NodeId N3 = NodeId.Parse("n3");

    [Fact]
    public void Violation_of_a_node_reporting_its_offset_records_the_measured_offset_and_rtt()
    {
        var beat = Beat(3, 1, clockOk: false) with { ClockOffsetMicroseconds = 2_000_150.5, ClockUncertaintyMicroseconds = 40 };
        var (roster, changes) = FleetOf(5, 1).OnHeartbeat(beat, T0, 2);
        Assert.Contains(changes, c => c.Kind == FleetChangeKind.ClockViolated);

        var violation = ClockEvents.Violation(roster.Find(N3)!, 50_000, T0);
        Assert.Equal(ClockEvents.TriHaRdSource, violation.Source);
        Assert.Equal(2_000_150.5, violation.OffsetMicroseconds);
        Assert.Equal(80, violation.RttMicroseconds);
        Assert.Equal(50_000, violation.ToleranceMicroseconds);
    }

    [Fact]
    public void Violation_of_a_node_without_a_measurement_falls_back_to_its_verdict()
    {
        var (roster, _) = FleetOf(5, 1).OnHeartbeat(Beat(3, 1, clockOk: false), T0, 2);
        var violation = ClockEvents.Violation(roster.Find(N3)!, 50_000, T0);
        Assert.Equal(ClockEvents.NodeReportSource, violation.Source);
        Assert.Equal(0, violation.OffsetMicroseconds);
    }

    [Fact]
    public void Recovered_records_the_offset_of_the_readmitting_heartbeat()
    {
        var roster = FleetOf(5, 1).OnHeartbeat(Beat(3, 1, clockOk: false) with { ClockOffsetMicroseconds = 2_000_000 }, T0, 2).Roster;
        roster = roster.OnHeartbeat(Beat(3, 1) with { ClockOffsetMicroseconds = 12 }, T0, 2).Roster;
        var (after, changes) = roster.OnHeartbeat(Beat(3, 1) with { ClockOffsetMicroseconds = 7.5 }, T0, 2);
        Assert.Contains(changes, c => c.Kind == FleetChangeKind.ClockRecovered);

        var recovered = ClockEvents.Recovered(after.Find(N3)!, 2, T0);
        Assert.Equal(7.5, recovered.OffsetMicroseconds);
        Assert.Equal(2, recovered.GoodRounds);
    }
}
