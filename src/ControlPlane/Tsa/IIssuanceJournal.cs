namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Port to the audit log for granted tokens: appends one TokenIssued per token of the batch (group
/// commit, with the batch's epoch and signers) and completes only when every one is durable. The
/// answer says, per token in order, whether it was recorded (true) or refused because its serial
/// was already issued (false).
/// </summary>
public interface IIssuanceJournal
{
    Task<IReadOnlyList<bool>> RecordAsync(SignedBatch batch, CancellationToken cancellationToken);
}
