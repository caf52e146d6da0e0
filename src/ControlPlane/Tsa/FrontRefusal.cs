using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Why the TSA front answered a request without a token: the rejection the reply carries, and
/// whether the request itself was fine but could not be signed now (HTTP 503 with the rejection
/// body) rather than refused (HTTP 200). The bus answers TimestampRejected either way.
/// </summary>
public sealed record FrontRefusal(TimestampRejection Rejection, bool Unavailable)
{
    /// <summary>The DER TimeStampResp (status rejection) to send.</summary>
    public byte[] Response => RejectionRenderer.Render(Rejection);
}
