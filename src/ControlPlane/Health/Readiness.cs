using CcTsa.ControlPlane.Fleet;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Health;

/// <summary>
/// <see cref="ReadinessRules"/> over the live state: the roster, the read model and the store's last
/// write. The certificate that counts is the one of the default policy's key (a request without
/// reqPolicy is signed with it): the ECDSA certificate follows the FROST one by a CSR round, and
/// until it is there a default request would be refused.
/// </summary>
public sealed class Readiness(FleetState state, FleetOptions options, StoreHealth store, TsaPolicySet? policies = null)
{
    private readonly string? _defaultScheme = policies is null ? null : TsaPolicies.ByOid(policies.Default)?.Scheme;

    public ReadinessRules.Verdict Now()
    {
        var epoch = state.Epochs.Current;
        var certificates = state.Certificates;
        var signers = epoch == 0 ? 0 : state.Roster.Signers(epoch).Count;
        var installed = epoch > 0 && (_defaultScheme is null ? certificates.Installed(epoch) : certificates.Installed(epoch, _defaultScheme));
        return ReadinessRules.Decide(epoch, epoch > 0 && certificates.Revoked(epoch), installed, signers, options.Threshold, store.Failure);
    }
}
