using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Ceremonies;

/// <summary>A DKG, redistribution or refresh began for <paramref name="Epoch"/> among the participants.</summary>
public sealed record CeremonyStarted(CeremonyId Id, CeremonyKind Kind, KeyEpoch Epoch, IReadOnlyList<NodeId> Participants, string Reason, DateTimeOffset At);
