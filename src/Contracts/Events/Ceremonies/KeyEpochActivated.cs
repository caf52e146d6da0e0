using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Ceremonies;

/// <summary>Signing switched to <paramref name="Epoch"/>: its group public key and share holders.</summary>
public sealed record KeyEpochActivated(KeyEpoch Epoch, string Scheme, string GroupPublicKeyHex, IReadOnlyList<NodeId> ShareHolders, CeremonyId Ceremony, DateTimeOffset At);
