namespace CcTsa.Contracts.Messages.Timestamp;

/// <summary>
/// An RFC 3161 request sent over the bus instead of HTTP POST /tsa. Answered with
/// <see cref="TimestampIssued"/> or <see cref="TimestampRejected"/>; <paramref name="RequestId"/>
/// is the bus correlation id.
/// </summary>
/// <param name="Request">DER-encoded TimeStampReq, exactly as an HTTP client would POST it.</param>
public sealed record TimestampRequested(Guid RequestId, byte[] Request);
