namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Why the fleet signed nothing, as a value: the reply to render (<see cref="Why"/>) and the
/// coordinators' last reason in plain words for logs and runbook records (never payload bytes).
/// </summary>
public sealed record SigningUnavailable(Unavailability Why, string Detail);
