namespace CcTsa.ControlPlane.Projections;

/// <summary>All projections at one point of the log (<see cref="Sequence"/> = last applied event).</summary>
public sealed record ProjectionSet(
    long Sequence,
    ClusterHealth Health,
    NodeRoster Roster,
    KeyEpochs Epochs,
    Certificates Certificates,
    Incidents Incidents,
    ClockViolations Clock,
    Issuance Issuance)
{
    public static ProjectionSet Empty { get; } = new(0, new(), new(), new(), new(), new(), new(), new());

    public ProjectionSet Apply(long sequence, object e) => new(
        sequence,
        ProjectionFolder.Apply(Health, e),
        ProjectionFolder.Apply(Roster, e),
        ProjectionFolder.Apply(Epochs, e),
        ProjectionFolder.Apply(Certificates, e),
        ProjectionFolder.Apply(Incidents, e),
        ProjectionFolder.Apply(Clock, e),
        ProjectionFolder.Apply(Issuance, e));
}
