using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Sharing.Dkg;

/// <summary>
/// Proactive share refresh (Herzberg et al.; frost-core refresh_dkg_*), for every prime-order group:
/// the holders run the DKG rounds with zero-constant polynomials (<see cref="PedersenDkg{TGroup, TPoint}"/>
/// with zeroConstant, no proof of knowledge: φ_0 is fixed), and each adds the sum δ_i = Σ_j f_j(i)
/// of the received zero-shares to its share. The group key stays; every share and public share changes.
/// </summary>
internal static class ShareRefresh<TGroup, TPoint>
    where TGroup : IPrimeOrderGroup<TPoint>
    where TPoint : notnull
{
    /// <summary>
    /// s'_i = s_i + δ_i and Y'_j = Y_j + Σ_k j^k·C_k for every participant, checked s'_i·G == Y'_i
    /// (a mismatch means the old share and the old public shares disagree: nothing is produced).
    /// </summary>
    public static Result<(SecretHandle Share, SortedDictionary<ParticipantId, TPoint> PublicShares), DkgFault> Apply(
        ParticipantId self, ReadOnlySpan<byte> oldShare, ReadOnlySpan<byte> delta, TPoint[] sum,
        IReadOnlyList<ParticipantId> participants, IReadOnlyDictionary<ParticipantId, TPoint> oldPublicShares)
    {
        ArgumentNullException.ThrowIfNull(sum);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(oldPublicShares);
        var outsiders = participants.Where(j => !oldPublicShares.ContainsKey(j)).ToArray();
        if (outsiders.Length > 0)
            return DkgFault.Blame(DkgFaultKind.UnknownParticipant, outsiders, "refresh participant holds no share of this key").As<(SecretHandle, SortedDictionary<ParticipantId, TPoint>)>();
        var shares = new SortedDictionary<ParticipantId, TPoint>(
            participants.ToDictionary(j => j, j => TGroup.Add(oldPublicShares[j], FeldmanVss<TGroup, TPoint>.Evaluate(sum, j))));
        var share = SecretHandle.Allocate(TGroup.ScalarSize);
        TGroup.ScalarAdd(share.Span, oldShare, delta);
        if (!TGroup.PointEquals(TGroup.BaseMul(share.Span), shares[self]))
        {
            share.Dispose();
            return DkgFault.Of(DkgFaultKind.VerifyingShareMismatch, "refreshed share does not match its public share").As<(SecretHandle, SortedDictionary<ParticipantId, TPoint>)>();
        }
        return (share, shares);
    }
}
