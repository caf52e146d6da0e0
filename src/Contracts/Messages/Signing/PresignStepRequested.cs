namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Coordinator → participant: one step of a threshold-ECDSA presigning run (DKLs23 Protocol 3.6
/// rounds 1–2 and the round-3 checks, message independent), for k presignatures at once with the
/// same signer set. Step 1 carries the signers and the k signature ids the coordinator chose
/// (fresh, 32 bytes each; each names one presignature from then on); step 2 relays every other
/// signer's round-1 commitments (Broadcasts) and the round-1 pairwise messages addressed to this
/// participant (FromPeers); step 3 relays the round-2 pairwise messages. The coordinator only
/// relays: pairwise payloads are masked by secrets of their two ends (docs/SECURITY.md), so a
/// relay learns nothing, and one that alters them makes the recipient abort the run.
/// Answered by <see cref="PresignStepAnswered"/> with the same Run and Step.
/// </summary>
public sealed record PresignStepRequested(RoundId Run, NodeId Coordinator, NodeId Participant, KeyEpoch Epoch, int Step,
    IReadOnlyList<NodeId> Signers, IReadOnlyList<byte[]> SigIds, IReadOnlyList<PresignPayloads> Broadcasts, IReadOnlyList<PresignPayloads> FromPeers);

/// <summary>
/// Participant → coordinator: its output of one presigning step. Step 1: Broadcasts = [its k
/// round-1 commitments] and ToPeers = its k round-1 pairwise messages per peer; step 2: ToPeers =
/// the k round-2 pairwise messages per peer; step 3: nothing (its k presignatures are stored, named
/// by the run's signature ids). Failure: why the step failed (no payloads then), and Culprits: the
/// peers the protocol blames (DKLs23 checks C1/C2/C4/C5 and the OT-extension check name the sender).
/// Unpaired: on a PairMismatch, the peers whose pair state differs from the sender's (blaming nobody:
/// the pairs are set up afresh); the coordinator uses it only from its own answer, to leave out just
/// those peers rather than the whole subset.
/// </summary>
public sealed record PresignStepAnswered(RoundId Run, NodeId Participant, NodeId Coordinator, int Step,
    IReadOnlyList<PresignPayloads> Broadcasts, IReadOnlyList<PresignPayloads> ToPeers, string? Failure = null, IReadOnlyList<NodeId>? Culprits = null,
    IReadOnlyList<NodeId>? Unpaired = null);

/// <summary>k payloads (one per signature id, in the run's order) from or to one node.</summary>
public sealed record PresignPayloads(NodeId Node, IReadOnlyList<byte[]> Items);
