using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Port to the fleet's view of which policies it can sign under now: a policy whose scheme has no
/// key in the current epoch, or no certificate for that key, is refused at the front with
/// systemFailure (HTTP 503, retry later) and this answer in the statusString, instead of failing in a signing round.
/// </summary>
public interface IPolicyAvailability
{
    /// <summary>Null when tokens can be issued under <paramref name="policy"/>; otherwise why not, for the requester.</summary>
    string? Unavailable(TsaPolicy policy);
}
