using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// The fleet's launch-measurement pin (seed §10, software is immutable per key): every share holder
/// of an epoch runs one measurement, and a software change is all-or-nothing. A node must report
/// (1) the live epoch's measurement — the one its certificate binds — while any other online node
/// (or the node itself) still holds a share of that epoch; else (2) the measurement of the other
/// online attested nodes; else (3) nothing is alive to compare with (a re-key after the fleet
/// died) and its measurement is adopted: the first node attested sets it, the rest must match.
/// The operator's allow-list (`serve --measurement`) is checked by the verifier on top. Pure.
/// </summary>
public static class FleetMeasurementPin
{
    /// <summary>Null when <paramref name="measurementHex"/> is acceptable for <paramref name="node"/>, else the reason.</summary>
    /// <param name="currentEpoch">The current key epoch (0 = none yet).</param>
    /// <param name="epochMeasurementHex">The measurement bound in the current epoch's certificate; null or empty if none.</param>
    public static string? Check(NodeId node, string measurementHex, FleetRoster roster, int currentEpoch, string? epochMeasurementHex)
    {
        ArgumentNullException.ThrowIfNull(measurementHex);
        ArgumentNullException.ThrowIfNull(roster);
        var others = roster.All.Where(v => v.Id != node && v.Online).ToList();
        var self = roster.Find(node);
        var epochLive = currentEpoch > 0 && !string.IsNullOrEmpty(epochMeasurementHex)
            && (others.Any(v => v.EpochHeld == currentEpoch) || self is { Online: true } && self.EpochHeld == currentEpoch);
        if (epochLive)
        {
            return Same(measurementHex, epochMeasurementHex!) ? null
                : $"MeasurementNotAllowed: measurement {measurementHex} differs from the fleet's {epochMeasurementHex} (epoch {currentEpoch} is live; a software change replaces all nodes and re-keys)";
        }
        // the pin admits one measurement at a time, so the attested others agree; any of them is the fleet's
        var fleet = others.Where(v => v.Attested && !string.IsNullOrEmpty(v.MeasurementHex))
            .Select(v => v.MeasurementHex!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (fleet.Count == 0 || fleet.Any(m => Same(m, measurementHex))) return null;
        return $"MeasurementNotAllowed: measurement {measurementHex} differs from the fleet's {fleet[0]} (attested nodes are online)";
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
