using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Ceremonies;

/// <summary>A ceremony was abandoned; Culprits names nodes whose messages failed verification.</summary>
public sealed record CeremonyAborted(CeremonyId Id, CeremonyKind Kind, KeyEpoch Epoch, string Reason, IReadOnlyList<NodeId> Culprits, DateTimeOffset At);
