using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;
using static CcTsa.ControlPlane.Tests.Fleet.RosterBuilder;

namespace CcTsa.ControlPlane.Tests.Fleet;

public class FleetRosterTests
{
    [Fact]
    public void OnHeartbeat_first_beat_reports_came_online_unattested()
    {
        var (roster, changes) = FleetRoster.Empty.OnHeartbeat(Beat(1, null), T0, 2);
        Assert.Equal([FleetChangeKind.CameOnline], changes.Select(c => c.Kind));
        Assert.False(roster.Find(NodeId.Parse("n1"))!.Attested);
    }

    [Fact]
    public void OnTick_after_timeout_loses_node_and_its_share()
    {
        var roster = FleetOf(5, 1).OnHeartbeat(Beat(1, 1), T0.AddSeconds(10), 2).Roster;
        var (after, changes) = roster.OnTick(T0.AddSeconds(10), TimeSpan.FromSeconds(6));
        Assert.Equal(4, changes.Count);
        Assert.All(changes, c => Assert.Equal(FleetChangeKind.Lost, c.Kind));
        Assert.Equal(1, after.ShareHolders(1));
    }

    [Fact]
    public void OnTick_within_timeout_changes_nothing()
    {
        var (_, changes) = FleetOf(5, 1).OnTick(T0.AddSeconds(5), TimeSpan.FromSeconds(6));
        Assert.Empty(changes);
    }

    [Fact]
    public void OnHeartbeat_bad_clock_excludes_then_good_beats_readmit()
    {
        var roster = FleetOf(5, 1);
        var (bad, c1) = roster.OnHeartbeat(Beat(3, 1, clockOk: false), T0, 2);
        Assert.Equal([FleetChangeKind.ClockViolated, FleetChangeKind.Excluded], c1.Select(c => c.Kind));
        Assert.Equal(4, bad.Signers(1).Count);
        var (once, c2) = bad.OnHeartbeat(Beat(3, 1), T0, 2);
        Assert.Empty(c2);
        var (twice, c3) = once.OnHeartbeat(Beat(3, 1), T0, 2);
        Assert.Equal([FleetChangeKind.ClockRecovered, FleetChangeKind.Readmitted], c3.Select(c => c.Kind));
        Assert.Equal(5, twice.Signers(1).Count);
    }

    [Fact]
    public void Signers_are_ordered_lowest_id_first_and_need_attestation()
    {
        var roster = FleetOf(5, 1).WithAttestation(NodeId.Parse("n1"), false);
        Assert.Equal(["n2", "n3", "n4", "n5"], roster.Signers(1).Select(v => v.Id.Value));
    }

    [Fact]
    public void OnHeartbeat_after_lost_comes_online_again_unattested()
    {
        var roster = FleetOf(5, 1).WithOffline(NodeId.Parse("n2"));
        var (after, changes) = roster.OnHeartbeat(Beat(2, null), T0, 2);
        Assert.Contains(changes, c => c.Kind == FleetChangeKind.CameOnline);
        Assert.False(after.Find(NodeId.Parse("n2"))!.Attested);
    }

    [Fact]
    public void OnHeartbeat_another_channel_key_under_a_live_id_is_a_new_unattested_instance()
    {
        var roster = FleetOf(5, 1).WithAttestation(NodeId.Parse("n5"), true, "aa");
        var (after, changes) = roster.OnHeartbeat(Beat(5, null) with { ChannelPublicKey = [9, 9, 9] }, T0.AddSeconds(1), 2);
        Assert.Equal([FleetChangeKind.CameOnline], changes.Select(c => c.Kind));
        var n5 = after.Find(NodeId.Parse("n5"))!;
        Assert.True(n5 is { Online: true, Attested: false, EpochHeld: null, MeasurementHex: null }, n5.ToString());
    }

    [Fact]
    public void OnHeartbeat_same_channel_key_keeps_the_attestation()
    {
        var roster = FleetOf(5, 1).WithAttestation(NodeId.Parse("n5"), true, "aa");
        var (after, changes) = roster.OnHeartbeat(Beat(5, 1), T0.AddSeconds(1), 2);
        Assert.Empty(changes);
        Assert.Equal("aa", after.Find(NodeId.Parse("n5"))!.MeasurementHex);
    }
}
