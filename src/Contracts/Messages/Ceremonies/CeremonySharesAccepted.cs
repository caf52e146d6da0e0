using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Participant → participants (DKG/refresh, after round 2): every share this participant received
/// opened and passed its sender's commitment. A participant stores its new share only once every
/// other participant accepted too; one that did not files a <see cref="CeremonyComplaintFiled"/>
/// instead, which every participant settles before anyone keeps a key.
/// </summary>
public sealed record CeremonySharesAccepted(CeremonyId Ceremony, CeremonyKind Kind, NodeId From, byte[] Transcript);
