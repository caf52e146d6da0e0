using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;
using Steps = CcTsa.Crypto.Sharing.Dkg.ShareRepair<CcTsa.Crypto.Ed25519.Ed25519PrimeOrderGroup, CcTsa.Crypto.Ed25519.Point>;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Repairable Threshold Scheme (Laing–Stinson; frost-core repairable.rs): ≥ t helpers rebuild the
/// share of a lost participant for a replacement with the same identifier. Helper i splits
/// ζ_i·s_i (ζ_i = Lagrange coefficient of i at the lost identifier) into random additive deltas,
/// one per helper; each helper sums what it receives into σ_j; the replacement sums the σ_j.
/// No party sees another's share and the group key is never reconstructed. The algebra is
/// <see cref="ShareRepair{TGroup, TPoint}"/>'s over Ed25519.
/// </summary>
public static class Repair
{
    /// <summary>Step 1 (each helper): deltas for every helper, including one for itself.</summary>
    public static Result<IReadOnlyList<RepairDelta>, FrostError> Part1(IReadOnlyList<ParticipantId> helpers, KeyPackage helper, ParticipantId lost)
    {
        ArgumentNullException.ThrowIfNull(helpers);
        ArgumentNullException.ThrowIfNull(helper);
        var r = Steps.Part1(helpers, helper.Identifier, helper.MinSigners, helper.SigningShare.Secret, lost);
        if (!r.TryGet(out var deltas, out var fault)) return FrostError.From(fault).As<IReadOnlyList<RepairDelta>>();
        return deltas.Select((d, j) => new RepairDelta(helper.Identifier, helpers[j], lost, Scalar.Adopt(d))).ToList();
    }

    /// <summary>Step 2 (each helper): σ = Σ deltas received from every helper, for the replacement.</summary>
    public static Result<RepairSigma, FrostError> Part2(IReadOnlyList<RepairDelta> received, ParticipantId self, IReadOnlyList<ParticipantId> helpers)
    {
        var r = Steps.Part2(received, self, helpers, d => d.Lost);
        return r.TryGet(out var s, out var fault) ? new RepairSigma(self, s.Lost, Scalar.Adopt(s.Sigma)) : FrostError.From(fault).As<RepairSigma>();
    }

    /// <summary>
    /// Step 3 (replacement): s = Σ σ_j, checked against the verifying share the group already
    /// published for this identifier, then packaged as the replacement's key.
    /// </summary>
    public static Result<KeyPackage, FrostError> Part3(IReadOnlyList<RepairSigma> sigmas, ParticipantId lost, PublicKeyPackage publicKeys)
    {
        ArgumentNullException.ThrowIfNull(sigmas);
        ArgumentNullException.ThrowIfNull(publicKeys);
        if (!publicKeys.VerifyingShares.TryGetValue(lost, out var expected))
            return FrostError.Of(FrostFailure.UnknownParticipant, "identifier has no verifying share in this key").As<KeyPackage>();
        var r = Steps.Part3(sigmas, lost, publicKeys.MinSigners, expected);
        return r.TryGet(out var share, out var fault)
            ? new KeyPackage(lost, Scalar.Adopt(share), expected, publicKeys.VerifyingKey, publicKeys.MinSigners)
            : FrostError.From(fault).As<KeyPackage>();
    }

    /// <summary>Σ of secret scalars into fresh secret memory (the repair vectors' sums).</summary>
    internal static Scalar Sum(IEnumerable<Scalar> values)
    {
        var acc = Scalar.Zeroed();
        foreach (var v in values) Ed25519Group.ScalarAdd(acc.Writable, acc.Secret, v.Secret);
        return acc;
    }
}
