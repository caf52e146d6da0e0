namespace CcTsa.Contracts.Messages.Timestamp;

/// <summary>
/// A refused request (bad input, unknown policy, or fewer than t healthy attested signers).
/// Carries the same rejection TimeStampResp the HTTP front would return.
/// </summary>
/// <param name="FailInfo">PKIFailureInfo bit number (RFC 3161 §2.4.2), e.g. 0 badAlg, 5 badDataFormat, 25 systemFailure.</param>
/// <param name="StatusText">Why, in plain words; never echoes the request bytes.</param>
/// <param name="Response">DER-encoded TimeStampResp with status rejection.</param>
public sealed record TimestampRejected(Guid RequestId, int FailInfo, string StatusText, byte[] Response);
