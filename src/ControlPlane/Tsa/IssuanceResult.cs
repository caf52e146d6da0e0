using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>The fate of one request in <see cref="IssuanceService"/>: a durable token, or why not.</summary>
public sealed record IssuanceResult(SignedTimestamp? Token, Unavailability? Unavailable)
{
    public static IssuanceResult Issued(SignedTimestamp token) => new(token, null);

    public static IssuanceResult NotIssued(Unavailability why) => new(null, why);
}
