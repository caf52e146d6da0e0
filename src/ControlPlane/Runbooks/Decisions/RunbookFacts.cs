using CcTsa.ControlPlane.Fleet;

namespace CcTsa.ControlPlane.Runbooks.Decisions;

/// <summary>
/// The snapshot a decision reads: the live fleet, the current epoch (0 = no key yet), whether the
/// epoch's certificate is installed, and which steps of this incident are already recorded.
/// </summary>
public sealed record RunbookFacts(
    FleetRoster Roster,
    int Epoch,
    bool CertificateInstalled,
    int Threshold,
    int FleetSize,
    IReadOnlySet<string> CompletedSteps)
{
    public bool Done(string step) => CompletedSteps.Contains(step);
}
