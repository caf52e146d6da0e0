using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Ceremonies;

/// <summary>
/// A node now holds a share of <paramref name="Epoch"/>. Only public facts: who received it, who
/// helped, and the recipient's public verifying share (hex) — never the share itself.
/// </summary>
public sealed record ShareDistributed(CeremonyId Ceremony, NodeId Recipient, KeyEpoch Epoch, IReadOnlyList<NodeId> Helpers, string VerifyingShareHex, DateTimeOffset At);
