namespace CcTsa.Contracts.Messages.Timestamp;

/// <summary>A granted request: sent only after the TokenIssued event is durable (invariant 4).</summary>
/// <param name="Response">DER-encoded TimeStampResp with status granted and the token.</param>
/// <param name="SerialHex">The TSTInfo serial number, lower-case hex (SerialNumber.ToHex()).</param>
public sealed record TimestampIssued(Guid RequestId, byte[] Response, string SerialHex);
