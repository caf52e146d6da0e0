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
}
