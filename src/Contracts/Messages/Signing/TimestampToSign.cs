namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// One request of a batch: DER TimeStampReq as received. Head: the transparency-log tree head this
/// request time-stamps (LogHeadService), null for every other request; the signers then check the
/// request's imprint is that head's (<see cref="LogHead"/>).
/// </summary>
public sealed record TimestampToSign(Guid RequestId, byte[] RequestDer, LogHead? Head = null);
