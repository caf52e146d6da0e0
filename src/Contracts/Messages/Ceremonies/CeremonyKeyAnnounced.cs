using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Participant → participants (repair, first message of every helper and of the recipient): the
/// X25519 public key of the single-use key pair it made for this ceremony. Secrets of the ceremony
/// are sealed to it only, and it is wiped when the ceremony ends, so a later theft of a node's
/// static channel key opens nothing recorded. Signed by the sender's node key like every
/// protocol message.
/// </summary>
public sealed record CeremonyKeyAnnounced(CeremonyId Ceremony, CeremonyKind Kind, NodeId From, byte[] CeremonyKey);
