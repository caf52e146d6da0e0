namespace CcTsa.Contracts.Events.Incidents;

/// <summary>One incident, from opening through its runbook steps to resolution.</summary>
public readonly record struct IncidentId(Guid Value)
{
    public static IncidentId New() => new(Guid.NewGuid());
    public override string ToString() => Value.ToString("N");
}
