using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using Steps = CcTsa.Crypto.Sharing.Dkg.ShareRepair<CcTsa.Crypto.P384.P384PrimeOrderGroup, CcTsa.Crypto.P384.P384Point>;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// Repair of a lost P-384 key share for a replacement with the same identifier (Laing–Stinson;
/// <see cref="Sharing.Dkg.ShareRepair{TGroup, TPoint}"/>, the same code as the FROST repair): helper
/// i splits ζ_i·s_i (ζ_i = Lagrange coefficient of i at the lost identifier over the helper set) into
/// random additive deltas, one per helper; each helper sums what it receives into σ_j; the
/// replacement sums the σ_j and checks s·G against the public share X_lost every holder already has.
/// No party sees another's share; the key is never rebuilt. The repaired share keeps the key's sid:
/// the key and its public shares are unchanged.
/// </summary>
public static class P384Repair
{
    public static Result<IReadOnlyList<P384RepairValue>, Dkls23Error> Part1(IReadOnlyList<ParticipantId> helpers, KeyShare helper, ParticipantId lost)
    {
        ArgumentNullException.ThrowIfNull(helpers);
        ArgumentNullException.ThrowIfNull(helper);
        if (!helper.Participants.Contains(lost) || helpers.Any(h => !helper.Participants.Contains(h)))
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "the lost participant and every helper must hold a share of this key").As<IReadOnlyList<P384RepairValue>>();
        var r = Steps.Part1(helpers, helper.Self, helper.Threshold, helper.ShareEncoding, lost);
        if (!r.TryGet(out var deltas, out var fault)) return fault.ToDkls23().As<IReadOnlyList<P384RepairValue>>();
        return deltas.Select((d, j) => new P384RepairValue(false, helper.Self, helpers[j], lost, d)).ToList();
    }

    /// <summary>σ = Σ of the deltas every helper sent this one (its own included), for the replacement.</summary>
    public static Result<P384RepairValue, Dkls23Error> Part2(IReadOnlyList<P384RepairValue> received, ParticipantId self, IReadOnlyList<ParticipantId> helpers)
    {
        var r = Steps.Part2(received, self, helpers, d => d.Lost);
        return r.TryGet(out var s, out var fault)
            ? new P384RepairValue(true, self, s.Lost, s.Lost, s.Sigma)
            : fault.ToDkls23().As<P384RepairValue>();
    }

    /// <summary>The replacement's share: Σ σ_j, checked against X_lost of the key's public data.</summary>
    public static Result<KeyShare, Dkls23Error> Part3(IReadOnlyList<P384RepairValue> sigmas, ParticipantId lost, P384PublicPackage key)
    {
        ArgumentNullException.ThrowIfNull(sigmas);
        ArgumentNullException.ThrowIfNull(key);
        if (!key.PublicShares.TryGetValue(lost, out var expected))
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "identifier has no public share in this key").As<KeyShare>();
        if (sigmas.FirstOrDefault(s => s.Lost != lost) is { } wrong)
            return Dkls23Error.Blame(Dkls23Failure.WrongSession, wrong.Sender, "sigma for another participant").As<KeyShare>();
        var r = Steps.Part3(sigmas, lost, key.Threshold, expected);
        return r.TryGet(out var share, out var fault)
            ? new KeyShare(lost, key.Threshold, key.Participants, share, key.PublicShares, key.PublicKey, key.Sid)
            : fault.ToDkls23().As<KeyShare>();
    }
}
