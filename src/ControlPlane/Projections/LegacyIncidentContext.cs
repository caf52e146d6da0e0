using System.Globalization;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// Reads the incident context that releases up to 58ddb92 wrote as pseudo-steps right after
/// IncidentOpened — "epoch" (Detail "3"), "sides" (Detail "n1,n2|n3,n4,n5") and "reported" (Detail
/// RFC 3339) — into the typed fields IncidentOpened now carries. Only the Incidents projection
/// calls it, so old logs replay into the same typed state as new ones; nothing writes these steps.
/// </summary>
public static class LegacyIncidentContext
{
    public const string EpochStep = "epoch";
    public const string PartitionSidesStep = "sides";
    public const string CompromiseReportedStep = "reported";

    /// <summary>The incident with the context a legacy step carries filled in (typed fields already set win).</summary>
    public static IncidentEntry Apply(IncidentEntry incident, RunbookStepCompleted step)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(step);
        if (!step.Succeeded) return incident;
        return step.Step switch
        {
            EpochStep when incident.EpochAtOpen is null && int.TryParse(step.Detail, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 =>
                incident with { EpochAtOpen = new KeyEpoch(n) },
            PartitionSidesStep when incident.PartitionSides.Count == 0 => incident with { PartitionSides = ParseSides(step.Detail) },
            CompromiseReportedStep when incident.CompromisedAt is null
                && DateTimeOffset.TryParse(step.Detail, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) =>
                incident with { CompromisedAt = at },
            _ => incident,
        };
    }

    private static IReadOnlyList<IReadOnlyList<NodeId>> ParseSides(string detail) =>
        [.. detail.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(g => (IReadOnlyList<NodeId>)[.. g.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(n => NodeId.TryParse(n, out _)).Select(NodeId.Parse)])];
}
