using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// The answer to one request: the DER TimeStampResp to send, and either the issued token's facts
/// or the rejection it carries.
/// </summary>
public sealed record FrontReply(FrontVerdict Verdict, byte[] Response, SignedTimestamp? Token, TimestampRejection? Rejection);
