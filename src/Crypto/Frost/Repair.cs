using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Repairable Threshold Scheme (Laing–Stinson; frost-core repairable.rs): ≥ t helpers rebuild the
/// share of a lost participant for a replacement with the same identifier. Helper i splits
/// ζ_i·s_i (ζ_i = Lagrange coefficient of i at the lost identifier) into random additive deltas,
/// one per helper; each helper sums what it receives into σ_j; the replacement sums the σ_j.
/// No party sees another's share and the group key is never reconstructed.
/// </summary>
public static class Repair
{
    /// <summary>Step 1 (each helper): deltas for every helper, including one for itself.</summary>
    public static Result<IReadOnlyList<RepairDelta>, FrostError> Part1(IReadOnlyList<ParticipantId> helpers, KeyPackage helper, ParticipantId lost)
    {
        ArgumentNullException.ThrowIfNull(helpers);
        ArgumentNullException.ThrowIfNull(helper);
        if (CheckHelpers(helpers, helper.MinSigners, lost) is { } e) return e.As<IReadOnlyList<RepairDelta>>();
        if (!helpers.Contains(helper.Identifier))
            return FrostError.Of(FrostFailure.UnknownParticipant, "this participant is not among the helpers").As<IReadOnlyList<RepairDelta>>();

        var zeta = Lagrange.At(lost, helper.Identifier, helpers);
        var deltas = new List<RepairDelta>(helpers.Count);
        var last = Scalar.Zeroed();
        Ed25519Group.ScalarMul(last.Writable, helper.SigningShare.Secret, zeta.Encoding);
        for (int j = 0; j < helpers.Count - 1; j++)
        {
            var r = Scalar.Random();
            Ed25519Group.ScalarSub(last.Writable, last.Secret, r.Secret);
            deltas.Add(new RepairDelta(helper.Identifier, helpers[j], lost, r));
        }
        deltas.Add(new RepairDelta(helper.Identifier, helpers[^1], lost, last));
        return deltas;
    }

    /// <summary>Step 2 (each helper): σ = Σ deltas received from every helper, for the replacement.</summary>
    public static Result<RepairSigma, FrostError> Part2(IReadOnlyList<RepairDelta> received, ParticipantId self, IReadOnlyList<ParticipantId> helpers)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(helpers);
        var senders = new HashSet<ParticipantId>();
        ParticipantId? lost = null;
        foreach (var d in received)
        {
            if (d.Recipient != self) return FrostError.Blame(FrostFailure.WrongRecipient, d.Sender, "delta addressed to another helper").As<RepairSigma>();
            if (!helpers.Contains(d.Sender)) return FrostError.Blame(FrostFailure.UnknownParticipant, d.Sender, "delta from a non-helper").As<RepairSigma>();
            if (!senders.Add(d.Sender)) return FrostError.Blame(FrostFailure.DuplicateParticipant, d.Sender, "two deltas from one helper").As<RepairSigma>();
            if (lost is { } l && l != d.Lost) return FrostError.Blame(FrostFailure.UnknownParticipant, d.Sender, "delta for a different lost participant").As<RepairSigma>();
            lost = d.Lost;
        }
        if (senders.Count != helpers.Count || lost is null)
            return FrostError.Of(FrostFailure.IncorrectNumberOfParticipants, "a delta from every helper is needed").As<RepairSigma>();
        return new RepairSigma(self, lost.Value, Sum(received.Select(d => d.Value)));
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
        if (sigmas.Count < publicKeys.MinSigners || sigmas.Select(s => s.Sender).Distinct().Count() != sigmas.Count)
            return FrostError.Of(FrostFailure.IncorrectNumberOfParticipants, "one sigma from each of at least t helpers is needed").As<KeyPackage>();
        var wrong = sigmas.Where(s => s.Recipient != lost).Select(s => s.Sender).ToArray();
        if (wrong.Length > 0) return FrostError.Blame(FrostFailure.WrongRecipient, wrong, "sigma addressed to another participant").As<KeyPackage>();
        var share = Sum(sigmas.Select(s => s.Value));
        if (share.ToPoint() != expected)
        {
            share.Dispose();
            return FrostError.Of(FrostFailure.VerifyingShareMismatch, "repaired share does not match the published verifying share").As<KeyPackage>();
        }
        return new KeyPackage(lost, share, expected, publicKeys.VerifyingKey, publicKeys.MinSigners);
    }

    /// <summary>Σ of secret scalars into fresh secret memory.</summary>
    internal static Scalar Sum(IEnumerable<Scalar> values)
    {
        var acc = Scalar.Zeroed();
        foreach (var v in values) Ed25519Group.ScalarAdd(acc.Writable, acc.Secret, v.Secret);
        return acc;
    }

    private static FrostError? CheckHelpers(IReadOnlyList<ParticipantId> helpers, int minSigners, ParticipantId lost)
    {
        if (helpers.Count < minSigners) return FrostError.Of(FrostFailure.IncorrectNumberOfParticipants, $"{helpers.Count} helpers, at least {minSigners} needed");
        if (helpers.Distinct().Count() != helpers.Count) return FrostError.Of(FrostFailure.DuplicateParticipant, "a helper is listed twice");
        if (helpers.Contains(lost)) return FrostError.Blame(FrostFailure.UnknownParticipant, lost, "the lost participant cannot help repair itself");
        return null;
    }
}
