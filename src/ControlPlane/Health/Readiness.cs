using CcTsa.ControlPlane.Fleet;

namespace CcTsa.ControlPlane.Health;

/// <summary><see cref="ReadinessRules"/> over the live state: the roster, the read model and the store's last write.</summary>
public sealed class Readiness(FleetState state, FleetOptions options, StoreHealth store)
{
    public ReadinessRules.Verdict Now()
    {
        var epoch = state.Epochs.Current;
        var certificates = state.Certificates;
        var signers = epoch == 0 ? 0 : state.Roster.Signers(epoch).Count;
        return ReadinessRules.Decide(epoch, epoch > 0 && certificates.Revoked(epoch), epoch > 0 && certificates.Installed(epoch),
            signers, options.Threshold, store.Failure);
    }
}
