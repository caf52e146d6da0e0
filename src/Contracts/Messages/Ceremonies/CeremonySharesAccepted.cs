using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Participant → participants (DKG/refresh, after round 2): every share this participant received
/// opened and passed its sender's commitment. A participant stores its new share only once every
/// other participant accepted too; one that did not files a <see cref="CeremonyComplaintFiled"/>
/// instead, which every participant settles before anyone keeps a key. MlDsaMaskedKey: in a DKG
/// that makes the threshold ML-DSA-65 key, the sender's masked partial key and share commitments
/// (ML-DSA DKG round 3, public); every participant sums all five into the public key.
/// </summary>
public sealed record CeremonySharesAccepted(CeremonyId Ceremony, CeremonyKind Kind, NodeId From, byte[] Transcript, byte[]? MlDsaMaskedKey = null);
