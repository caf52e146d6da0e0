namespace CcTsa.Contracts.Events.Incidents;

/// <summary>One runbook step of an incident ran to an outcome (Succeeded false = step failed).</summary>
public sealed record RunbookStepCompleted(IncidentId Incident, string Step, bool Succeeded, string Detail, DateTimeOffset At);
