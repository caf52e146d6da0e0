using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>Pure choices of nodes shared by the decisions: DKG participants, repair helpers, replacements.</summary>
public static class FleetSelection
{
    /// <summary>
    /// The fleetSize lowest-numbered online, attested, clock-healthy nodes if their placement keeps
    /// every provider below t; otherwise null and the reason.
    /// </summary>
    public static (IReadOnlyList<NodeId>? Nodes, string Reason) DkgParticipants(FleetRoster roster, int fleetSize, int threshold)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var ready = roster.All.Where(v => v.Online && v.Attested && v.ClockHealthy && !v.Excluded).OrderBy(v => v.Id.Index).ToList();
        if (ready.Count < fleetSize)
            return (null, $"waiting for {fleetSize} attested nodes ({ready.Count} ready)");
        var chosen = ready.Take(fleetSize).ToList();
        var refused = PlacementRule.Check(chosen.Select(v => (v.Id, v.Provider)), threshold);
        if (refused is not null) return (null, refused);
        IReadOnlyList<NodeId> ids = [.. chosen.Select(v => v.Id)];
        return roster.MutuallyAttested([.. ids]) ? (ids, "ok") : (null, "waiting for the nodes to attest each other");
    }

    /// <summary>Share holders that may help a repair (attested, clock-healthy), lowest id first.</summary>
    public static IReadOnlyList<NodeId> Helpers(FleetRoster roster, int epoch) =>
        [.. roster.Signers(epoch).Select(v => v.Id)];

    /// <summary>
    /// An online attested node without a share of the epoch whose addition keeps the placement rule,
    /// lowest id first; null when none.
    /// </summary>
    public static NodeId? Replacement(FleetRoster roster, int epoch, int threshold)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var holders = roster.All.Where(v => v.HoldsShareOf(epoch)).Select(v => (v.Id, v.Provider)).ToList();
        foreach (var c in roster.All.Where(v => v.Online && v.Attested && !v.Excluded && v.EpochHeld != epoch).OrderBy(v => v.Id.Index))
        {
            if (PlacementRule.Check(holders.Append((c.Id, c.Provider)), threshold) is null)
                return c.Id;
        }
        return null;
    }
}
