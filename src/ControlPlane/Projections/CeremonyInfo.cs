using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>One ceremony: Status is "running", "completed" or "aborted".</summary>
public sealed record CeremonyInfo(CeremonyId Id, CeremonyKind Kind, int Epoch, IReadOnlyList<NodeId> Participants, string Reason, DateTimeOffset StartedAt)
{
    public string Status { get; init; } = "running";
    public DateTimeOffset? EndedAt { get; init; }
    public string Outcome { get; init; } = "";
}
