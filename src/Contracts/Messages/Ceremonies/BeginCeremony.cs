using CcTsa.Contracts.Events.Ceremonies;

namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>
/// Control plane → participants: start a ceremony. For Dkg and Refresh all Participants take part;
/// for Redistribution, Participants are the helpers (≥ t share holders) and Recipient is the
/// replacement node that receives a share with its own identifier.
/// </summary>
public sealed record BeginCeremony(
    CeremonyId Ceremony,
    CeremonyKind Kind,
    KeyEpoch Epoch,
    int Threshold,
    IReadOnlyList<NodeId> Participants,
    NodeId? Recipient);
