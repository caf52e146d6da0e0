using CcTsa.Contracts.Events.Issuance;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// All projections at one point of the log (<see cref="Sequence"/> = last applied event): the one
/// read model. Each one has a production reader: Health (ClusterStateTracker on start-up), Epochs and
/// Certificates (FleetState, runbooks, /api/cluster), Incidents (runbooks, checklist, /api/incidents),
/// Tokens (/api/tokens, the issuance journal's serial check, the compromise runbook's token list),
/// LogHead (/api/log/head and the default size of its proofs).
/// The live node roster is not here: it comes from heartbeats (Fleet/FleetRoster), not from the log.
/// </summary>
public sealed record ProjectionSet(
    long Sequence,
    ClusterHealth Health,
    KeyEpochs Epochs,
    Certificates Certificates,
    Incidents Incidents,
    TokenIndex Tokens,
    LogHeadSigned? LogHead = null)
{
    public static ProjectionSet Empty { get; } = new(0, new(), new(), new(), new(), new());

    public ProjectionSet Apply(long sequence, object e) => new(
        sequence,
        ProjectionFolder.Apply(Health, e),
        ProjectionFolder.Apply(Epochs, e),
        ProjectionFolder.Apply(Certificates, e),
        ProjectionFolder.Apply(Incidents, e),
        // the index keeps each token's log sequence (the API answers it), which a plain Apply(event) cannot see
        e is TokenIssued t ? Tokens.Apply(sequence, t) : Tokens,
        // the latest signed tree head (/api/log/head); heads only grow, so the last one wins
        e is LogHeadSigned h ? h : LogHead);
}
