using CcTsa.Contracts.Events.Issuance;

namespace CcTsa.ControlPlane.Projections;

/// <summary>All projections at one point of the log (<see cref="Sequence"/> = last applied event): the one read model.</summary>
public sealed record ProjectionSet(
    long Sequence,
    ClusterHealth Health,
    NodeRoster Roster,
    KeyEpochs Epochs,
    Certificates Certificates,
    Incidents Incidents,
    ClockViolations Clock,
    Issuance Issuance,
    TokenIndex Tokens)
{
    public static ProjectionSet Empty { get; } = new(0, new(), new(), new(), new(), new(), new(), new(), new());

    public ProjectionSet Apply(long sequence, object e) => new(
        sequence,
        ProjectionFolder.Apply(Health, e),
        ProjectionFolder.Apply(Roster, e),
        ProjectionFolder.Apply(Epochs, e),
        ProjectionFolder.Apply(Certificates, e),
        ProjectionFolder.Apply(Incidents, e),
        ProjectionFolder.Apply(Clock, e),
        ProjectionFolder.Apply(Issuance, e),
        // the index keeps each token's log sequence (the API answers it), which a plain Apply(event) cannot see
        e is TokenIssued t ? Tokens.Apply(sequence, t) : Tokens);
}
