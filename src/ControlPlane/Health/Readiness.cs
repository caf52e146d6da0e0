using CcTsa.ControlPlane.Fleet;

namespace CcTsa.ControlPlane.Health;

/// <summary>
/// <see cref="ReadinessRules"/> over the live state: the roster, the read model and the store's last
/// write. The epoch counts as certified once every key its ceremony made (FROST, and threshold ECDSA
/// when there is one) has its certificate: the ECDSA one follows the FROST one by the pairwise
/// setups and a CSR round, and a request under that policy would be refused until then. With a
/// threshold-ECDSA key, <see cref="EcdsaQuorum"/> must find t signers paired with each other.
/// </summary>
public sealed class Readiness(FleetState state, FleetOptions options, StoreHealth store)
{
    public ReadinessRules.Verdict Now()
    {
        var epoch = state.Epochs.Current;
        var signers = epoch == 0 ? [] : state.Roster.Signers(epoch);
        var ecdsaPaired = epoch == 0 || state.Epochs.KeyOf(epoch, EcdsaScheme) is null || EcdsaQuorum.Exists(signers, options.Threshold);
        return ReadinessRules.Decide(epoch, epoch > 0 && state.Certificates.Revoked(epoch), EveryKeyCertified(state, epoch), signers.Count, options.Threshold, store.Failure, ecdsaPaired);
    }

    private const string EcdsaScheme = "ecdsa-p384";

    /// <summary>Every scheme key of <paramref name="epoch"/> has its certificate (an epoch of an old log: any certificate).</summary>
    public static bool EveryKeyCertified(FleetState state, int epoch)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (epoch == 0) return false;
        var keys = state.Epochs.KeysOf(epoch);
        return keys.IsEmpty ? state.Certificates.Installed(epoch) : keys.Keys.All(s => state.Certificates.Installed(epoch, s));
    }
}
