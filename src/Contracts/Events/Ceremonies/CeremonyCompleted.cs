using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Ceremonies;

/// <summary>A ceremony finished; the group public key (public, hex) is the one now shared.</summary>
public sealed record CeremonyCompleted(CeremonyId Id, CeremonyKind Kind, KeyEpoch Epoch, string GroupPublicKeyHex, DateTimeOffset At);
