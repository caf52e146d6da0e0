using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Decisions;

namespace CcTsa.ControlPlane.Runbooks;

/// <summary>Carries out one runbook step and says how it ended (the engine records it as RunbookStepCompleted).</summary>
public interface IRunbookActions
{
    Task<(bool Ok, string Detail)> RunAsync(IncidentEntry incident, RunbookStep step, CancellationToken ct);
}
