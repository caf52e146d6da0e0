namespace CcTsa.Contracts.Events.Incidents;

/// <summary>An incident is closed; Resolution says how.</summary>
public sealed record IncidentResolved(IncidentId Id, string Resolution, DateTimeOffset At);
