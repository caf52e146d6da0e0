using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// Repair of a lost P-384 key share for a replacement with the same identifier (Laing–Stinson, the
/// algebra of Frost.Repair over P-384): helper i splits ζ_i·s_i (ζ_i = Lagrange coefficient of i at
/// the lost identifier over the helper set) into random additive deltas, one per helper; each helper
/// sums what it receives into σ_j; the replacement sums the σ_j and checks s·G against the public
/// share X_lost every holder already has. No party sees another's share; the key is never rebuilt.
/// The repaired share keeps the key's sid: the key and its public shares are unchanged.
/// </summary>
public static class P384Repair
{
    public static Result<IReadOnlyList<P384RepairValue>, Dkls23Error> Part1(IReadOnlyList<ParticipantId> helpers, KeyShare helper, ParticipantId lost)
    {
        ArgumentNullException.ThrowIfNull(helpers);
        ArgumentNullException.ThrowIfNull(helper);
        if (helpers.Count < helper.Threshold || helpers.Distinct().Count() != helpers.Count || helpers.Contains(lost) || !helpers.Contains(helper.Self)
            || !helper.Participants.Contains(lost) || helpers.Any(h => !helper.Participants.Contains(h)))
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "need at least t distinct holders as helpers, not the lost participant").As<IReadOnlyList<P384RepairValue>>();
        var last = Zeta(lost, helper.Self, helpers) * helper.Share;
        var deltas = new List<P384RepairValue>(helpers.Count);
        for (var j = 0; j < helpers.Count - 1; j++)
        {
            var r = P384Scalar.Random();
            last -= r;
            deltas.Add(new P384RepairValue(false, helper.Self, helpers[j], lost, r));
        }
        deltas.Add(new P384RepairValue(false, helper.Self, helpers[^1], lost, last));
        return deltas;
    }

    /// <summary>σ = Σ of the deltas every helper sent this one (its own included), for the replacement.</summary>
    public static Result<P384RepairValue, Dkls23Error> Part2(IReadOnlyList<P384RepairValue> received, ParticipantId self, IReadOnlyList<ParticipantId> helpers)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(helpers);
        var senders = new HashSet<ParticipantId>();
        ParticipantId? lost = null;
        var sum = P384Scalar.Zero;
        foreach (var d in received)
        {
            if (d.Recipient != self || !helpers.Contains(d.Sender) || !senders.Add(d.Sender) || (lost is { } l && l != d.Lost))
                return Dkls23Error.Blame(Dkls23Failure.WrongSession, d.Sender, "repair delta for another helper, lost participant or repeated").As<P384RepairValue>();
            lost = d.Lost;
            sum += d.Value;
        }
        if (senders.Count != helpers.Count || lost is null)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "a delta from every helper is needed").As<P384RepairValue>();
        return new P384RepairValue(true, self, lost.Value, lost.Value, sum);
    }

    /// <summary>The replacement's share: Σ σ_j, checked against X_lost of the key's public data.</summary>
    public static Result<KeyShare, Dkls23Error> Part3(IReadOnlyList<P384RepairValue> sigmas, ParticipantId lost, P384PublicPackage key)
    {
        ArgumentNullException.ThrowIfNull(sigmas);
        ArgumentNullException.ThrowIfNull(key);
        if (!key.PublicShares.TryGetValue(lost, out var expected))
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "identifier has no public share in this key").As<KeyShare>();
        if (sigmas.Count < key.Threshold || sigmas.Select(s => s.Sender).Distinct().Count() != sigmas.Count)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "one sigma from each of at least t helpers is needed").As<KeyShare>();
        if (sigmas.FirstOrDefault(s => s.Recipient != lost || s.Lost != lost) is { } wrong)
            return Dkls23Error.Blame(Dkls23Failure.WrongSession, wrong.Sender, "sigma for another participant").As<KeyShare>();
        var share = P384Scalar.Zero;
        foreach (var s in sigmas) share += s.Value;
        using (var mine = P384Point.MulBase(share))
            if (!mine.Equals(expected))
                return Dkls23Error.Of(Dkls23Failure.InvalidSecretShare, "repaired share does not match the published public share").As<KeyShare>();
        return new KeyShare(lost, key.Threshold, key.Participants, share, key.PublicShares, key.PublicKey, key.Sid);
    }

    /// <summary>ζ_i = Π_{j≠i} (x_lost − x_j) / (x_i − x_j): the Lagrange coefficient of i at the lost identifier.</summary>
    private static P384Scalar Zeta(ParticipantId lost, ParticipantId i, IReadOnlyList<ParticipantId> helpers)
    {
        var num = P384Scalar.One;
        var den = P384Scalar.One;
        var xl = P384Scalar.FromInt(lost.Value);
        var xi = P384Scalar.FromInt(i.Value);
        foreach (var j in helpers.Where(j => j != i))
        {
            var xj = P384Scalar.FromInt(j.Value);
            num *= xl - xj;
            den *= xi - xj;
        }
        return num * den.Invert();
    }
}
