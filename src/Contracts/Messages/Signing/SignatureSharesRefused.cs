namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Participant → coordinator: the participant will not sign (clock excluded, genTime off, unknown commitment…).
/// StaleCommitments: the commitments the coordinator used are not (or no longer) in the participant's
/// pool — e.g. issued just before a refresh replaced its share — so the coordinator should drop its
/// stock of them and ask again rather than give up on the participant. Late: the items' genTime is
/// older than the participant's clock allows (slow delivery, a loaded host): stamp again and retry.
/// </summary>
public sealed record SignatureSharesRefused(RoundId Round, NodeId Participant, string Reason, bool StaleCommitments = false, bool Late = false);
