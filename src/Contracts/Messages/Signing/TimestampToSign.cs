namespace CcTsa.Contracts.Messages.Signing;

/// <summary>One request of a batch: DER TimeStampReq as received.</summary>
public sealed record TimestampToSign(Guid RequestId, byte[] RequestDer);
