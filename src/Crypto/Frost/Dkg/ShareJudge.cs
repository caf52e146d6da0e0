using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>
/// The group-specific last step of <see cref="ShareComplaint.Judge(ShareComplaintEvidence, ShareComplaint.OpenedCheck)"/>,
/// once for every prime-order group: open the share with the revealed key and Feldman-check it
/// against the accused's round-1 commitment (a refresh commitment included: φ_0 the identity).
/// A share that does not open, names another sender or fails the check names the accused; a valid
/// one names the complainer (a false accusation).
/// </summary>
internal static class ShareJudge<TGroup, TPoint>
    where TGroup : IPrimeOrderGroup<TPoint>
    where TPoint : notnull
{
    /// <summary>Opens a sealed share of this protocol; an error value when it does not open or is malformed.</summary>
    public delegate Result<TShare, ChannelError> Opener<TShare>(SealedSecret sealedSecret, ChannelKeyPair revealed, SealContext context)
        where TShare : ISharePackage, IDisposable;

    /// <summary>The check against <paramref name="commitment"/> (null: the accused's commitment did not decode, its fault).</summary>
    public static ShareComplaint.OpenedCheck Against<TShare>(IReadOnlyList<TPoint>? commitment, Opener<TShare> open)
        where TShare : ISharePackage, IDisposable
    {
        ArgumentNullException.ThrowIfNull(open);
        return (sealedSecret, revealed, evidence) =>
        {
            var accused = evidence.Accused;
            if (commitment is null) return ComplaintVerdict.Accused(accused, $"{accused} committed to a malformed {TGroup.Name} polynomial");
            if (!open(sealedSecret, revealed, evidence.Context).TryGet(out var share, out _))
                return ComplaintVerdict.Accused(accused, $"the {TGroup.Name} share {accused} sent does not open");
            using (share)
            {
                if (share.Sender != ParticipantId.FromNode(accused))
                    return ComplaintVerdict.Accused(accused, $"the {TGroup.Name} share {accused} sent names another sender");
                return Valid(share, evidence.Complainer, commitment)
                    ? ComplaintVerdict.Complainer(evidence.Complainer, $"false accusation: the {TGroup.Name} share {accused} sent is valid")
                    : ComplaintVerdict.Accused(accused, $"the {TGroup.Name} share {accused} sent fails its Feldman commitment");
            }
        };
    }

    private static bool Valid(ISharePackage share, NodeId complainer, IReadOnlyList<TPoint> commitment) =>
        TGroup.IsCanonicalScalar(share.Secret) && FeldmanVss<TGroup, TPoint>.Verify(share.Secret, ParticipantId.FromNode(complainer), commitment);
}
