using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Ceremonies;

/// <summary>
/// A DKG, redistribution or refresh began for <paramref name="Epoch"/> among the participants. For a
/// redistribution the recipient is listed last, after the helpers (a restarted control plane reads
/// the roles back from the log to resume the ceremony).
/// </summary>
public sealed record CeremonyStarted(CeremonyId Id, CeremonyKind Kind, KeyEpoch Epoch, IReadOnlyList<NodeId> Participants, string Reason, DateTimeOffset At);
