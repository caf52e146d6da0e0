using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// <see cref="IPolicyAvailability"/> from the live read model. The FROST-Ed25519 policy is always
/// offered: every ceremony makes its key, and an epoch without key or certificate is answered by
/// the issuance path as before (no usable key epoch). Any other scheme is offered once the current
/// epoch has its key (KeyEpochActivated by scheme) and a certificate for it (CertificateIssued by scheme);
/// a hybrid policy once both of its schemes (ECDSA P-384 and ML-DSA-65) are.
/// </summary>
public sealed class FleetPolicyAvailability(FleetState state) : IPolicyAvailability
{
    public string? Unavailable(TsaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Scheme == TsaPolicies.Ed25519.Scheme)
            return null;
        var epoch = state.Epochs.Current;
        foreach (var scheme in policy.Schemes)
        {
            if (epoch == 0 || state.Epochs.KeyOf(epoch, scheme) is null)
                return $"policy {policy.Name} ({policy.Oid}) is not available yet: key epoch {epoch} has no {scheme} key";
            if (!state.Certificates.Installed(epoch, scheme))
                return $"policy {policy.Name} ({policy.Oid}) is not available yet: the {scheme} key of epoch {epoch} has no certificate";
        }
        return null;
    }
}
