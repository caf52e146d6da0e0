using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Provider placement (seed §7): no provider may host t or more share holders, so one provider
/// outage never takes the key below quorum nor hands one provider a signing quorum. Pure.
/// </summary>
public static class PlacementRule
{
    /// <summary>
    /// Checks a proposed set of share holders. Returns null when acceptable, otherwise a plain
    /// reason naming the provider that would hold too many shares.
    /// </summary>
    public static string? Check(IEnumerable<(NodeId Node, string Provider)> holders, int threshold)
    {
        ArgumentNullException.ThrowIfNull(holders);
        foreach (var group in holders.GroupBy(h => h.Provider, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var count = group.Count();
            if (count >= threshold)
                return $"placement refused: provider '{group.Key}' would hold {count} shares (limit {threshold - 1}, threshold {threshold})";
        }
        return null;
    }

    /// <summary>
    /// Admission of one node (seed §7): refused when its provider would then host t or more of the
    /// online nodes that hold a share or are attested (about to receive one), itself included.
    /// Other providers' counts are not this node's concern. Null when admitted, else the reason.
    /// </summary>
    public static string? CheckAdmission(FleetRoster roster, NodeId node, string provider, int threshold)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(provider);
        var hosted = roster.All
            .Where(v => v.Id != node && v.Online && (v.Attested || v.EpochHeld is not null))
            .Select(v => (v.Id, v.Provider))
            .Append((node, provider))
            .Where(h => string.Equals(h.Item2, provider, StringComparison.OrdinalIgnoreCase));
        return Check(hosted, threshold);
    }
}
