using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>Builds rosters for decision tests from heartbeats, the way the director does.</summary>
internal static class RosterBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Providers = ["azure", "azure", "gcp", "gcp", "third"];

    public static NodeAnnounced Beat(int index, int? epoch, bool clockOk = true, DateTimeOffset? at = null, string? provider = null) =>
        new(NodeId.FromIndex(index), provider ?? Providers[(index - 1) % 5], [1, 2, 3], epoch, clockOk, false,
            [.. Enumerable.Range(1, 6).Where(i => i != index).Select(NodeId.FromIndex)], at ?? T0);

    /// <summary>Nodes 1..count online and attested, holding <paramref name="epoch"/>.</summary>
    public static FleetRoster FleetOf(int count, int? epoch)
    {
        var roster = FleetRoster.Empty;
        for (var i = 1; i <= count; i++)
        {
            roster = roster.OnHeartbeat(Beat(i, epoch), T0, 2).Roster;
            roster = roster.WithAttestation(NodeId.FromIndex(i), true);
        }
        return roster;
    }
}
