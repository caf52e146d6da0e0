using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Participant → participants (DKG/refresh, after round 1, before any secret share is sent): the
/// hash of the ceremony's parameters and of every round-1 package as this participant received it.
/// Every participant must report the same hash; a difference means the relay showed participants
/// different packages or parameters, and the ceremony aborts without blaming anyone.
/// </summary>
public sealed record CeremonyTranscriptConfirmed(CeremonyId Ceremony, CeremonyKind Kind, NodeId From, byte[] Transcript);
