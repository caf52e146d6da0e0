using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Sharing.Dkg;

/// <summary>
/// Repairable Threshold Scheme (Laing–Stinson; frost-core repairable.rs), for every prime-order
/// group: ≥ t helpers rebuild the share of a lost participant for a replacement with the same
/// identifier. Helper i splits ζ_i·s_i (ζ_i = Lagrange coefficient of i at the lost identifier) into
/// random additive deltas, one per helper; each helper sums what it receives into σ_j; the
/// replacement sums the σ_j and checks the result against the public share. No party sees another's
/// share and the group key is never reconstructed.
/// </summary>
internal static class ShareRepair<TGroup, TPoint>
    where TGroup : IPrimeOrderGroup<TPoint>
    where TPoint : notnull
{
    /// <summary>Step 1 (each helper): one delta for every helper, itself included, in helper order.</summary>
    public static Result<IReadOnlyList<SecretHandle>, DkgFault> Part1(IReadOnlyList<ParticipantId> helpers, ParticipantId self, int threshold,
        ReadOnlySpan<byte> share, ParticipantId lost)
    {
        ArgumentNullException.ThrowIfNull(helpers);
        if (helpers.Count < threshold)
            return DkgFault.Of(DkgFaultKind.IncorrectNumberOfParticipants, $"{helpers.Count} helpers, at least {threshold} needed").As<IReadOnlyList<SecretHandle>>();
        if (helpers.Distinct().Count() != helpers.Count)
            return DkgFault.Of(DkgFaultKind.DuplicateParticipant, "a helper is listed twice").As<IReadOnlyList<SecretHandle>>();
        if (helpers.Contains(lost))
            return DkgFault.Blame(DkgFaultKind.UnknownParticipant, lost, "the lost participant cannot help repair itself").As<IReadOnlyList<SecretHandle>>();
        if (!helpers.Contains(self))
            return DkgFault.Of(DkgFaultKind.UnknownParticipant, "this participant is not among the helpers").As<IReadOnlyList<SecretHandle>>();

        var zeta = LagrangeCoefficients<TGroup>.At(lost, self, helpers);
        var deltas = new List<SecretHandle>(helpers.Count);
        var last = SecretHandle.Allocate(TGroup.ScalarSize);
        TGroup.ScalarMul(last.Span, share, zeta);
        for (int j = 0; j < helpers.Count - 1; j++)
        {
            var r = SecretHandle.Allocate(TGroup.ScalarSize);
            TGroup.ScalarRandom(r.Span);
            TGroup.ScalarSub(last.Span, last.Span, r.Span);
            deltas.Add(r);
        }
        deltas.Add(last);
        return deltas;
    }

    /// <summary>Step 2 (each helper): σ = Σ of the deltas every helper sent this one, for the replacement.</summary>
    public static Result<(SecretHandle Sigma, ParticipantId Lost), DkgFault> Part2<TPiece>(IReadOnlyList<TPiece> received, ParticipantId self,
        IReadOnlyList<ParticipantId> helpers, Func<TPiece, ParticipantId> lostOf)
        where TPiece : ISharePackage
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(helpers);
        ArgumentNullException.ThrowIfNull(lostOf);
        var senders = new HashSet<ParticipantId>();
        ParticipantId? lost = null;
        foreach (var d in received)
        {
            DkgFault? fault = null;
            if (d.Recipient != self) fault = DkgFault.Blame(DkgFaultKind.WrongRecipient, d.Sender, "delta addressed to another helper");
            else if (!helpers.Contains(d.Sender)) fault = DkgFault.Blame(DkgFaultKind.UnknownParticipant, d.Sender, "delta from a non-helper");
            else if (!senders.Add(d.Sender)) fault = DkgFault.Blame(DkgFaultKind.DuplicateParticipant, d.Sender, "two deltas from one helper");
            else if (lost is { } l && l != lostOf(d)) fault = DkgFault.Blame(DkgFaultKind.UnknownParticipant, d.Sender, "delta for a different lost participant");
            if (fault is not null) return fault.As<(SecretHandle, ParticipantId)>();
            lost = lostOf(d);
        }
        if (senders.Count != helpers.Count || lost is null)
            return DkgFault.Of(DkgFaultKind.IncorrectNumberOfParticipants, "a delta from every helper is needed").As<(SecretHandle, ParticipantId)>();
        return (Sum(received), lost.Value);
    }

    /// <summary>Step 3 (replacement): s = Σ σ_j from at least t distinct helpers, checked s·G == <paramref name="expected"/>.</summary>
    public static Result<SecretHandle, DkgFault> Part3<TPiece>(IReadOnlyList<TPiece> sigmas, ParticipantId lost, int threshold, TPoint expected)
        where TPiece : ISharePackage
    {
        ArgumentNullException.ThrowIfNull(sigmas);
        if (sigmas.Count < threshold || sigmas.Select(s => s.Sender).Distinct().Count() != sigmas.Count)
            return DkgFault.Of(DkgFaultKind.IncorrectNumberOfParticipants, "one sigma from each of at least t helpers is needed").As<SecretHandle>();
        ParticipantId[] wrong = [.. sigmas.Where(s => s.Recipient != lost).Select(s => s.Sender)];
        if (wrong.Length > 0) return DkgFault.Blame(DkgFaultKind.WrongRecipient, wrong, "sigma addressed to another participant").As<SecretHandle>();
        var share = Sum(sigmas);
        if (!TGroup.PointEquals(TGroup.BaseMul(share.Span), expected))
        {
            share.Dispose();
            return DkgFault.Of(DkgFaultKind.VerifyingShareMismatch, "repaired share does not match the published public share").As<SecretHandle>();
        }
        return share;
    }

    /// <summary>Σ of secret scalars into fresh secret memory.</summary>
    private static SecretHandle Sum<TPiece>(IEnumerable<TPiece> pieces)
        where TPiece : ISharePackage
    {
        var acc = SecretHandle.Allocate(TGroup.ScalarSize);
        foreach (var p in pieces) TGroup.ScalarAdd(acc.Span, acc.Span, p.Secret);
        return acc;
    }
}
