using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>
/// What one advance of a DKG/refresh run produced, decided under the run's lock and sent after it:
/// the transcript confirmation, sealed round-2 shares, the acceptance of the shares received or
/// complaints about them, a failure (with only proven culprits) or the finished outcome.
/// </summary>
internal sealed record DkgStep(
    CeremonyTranscriptConfirmed? Confirm,
    IReadOnlyList<CeremonySecretDelivered> Deliveries,
    CeremonySharesAccepted? Accepted,
    IReadOnlyList<CeremonyComplaintFiled> Complaints,
    (string Reason, IReadOnlyList<NodeId> Culprits)? Failure,
    CeremonyFinished? Finished)
{
    public static DkgStep None { get; } = new(null, [], null, [], null, null);

    public bool IsEmpty => Confirm is null && Deliveries.Count == 0 && Accepted is null && Complaints.Count == 0 && Failure is null && Finished is null;
}
