using CcTsa.ControlPlane.Tsa;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Why an epoch's certificate could not be made now, as a value the runbook records and retries:
/// the fleet could not sign the CSR (below quorum, clocks excluded), or the development CA is
/// unusable or refused the CSR.
/// </summary>
public sealed record ProvisionFailure(string Detail, SigningUnavailable? Unsigned = null)
{
    public static ProvisionFailure CsrNotSigned(SigningUnavailable why)
    {
        ArgumentNullException.ThrowIfNull(why);
        return new($"CSR not signed ({why.Why}): {why.Detail}", why);
    }

    public static ProvisionFailure CaRefused(string detail) => new(detail);
}
