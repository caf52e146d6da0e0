using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>A participant's public round-1 package (DKG/refresh commitments + proof of knowledge).</summary>
public sealed record CeremonyRound1Broadcast(CeremonyId Ceremony, CeremonyKind Kind, NodeId From, byte[] Package);
