using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// The P-384 half of a DKG share complaint: once <see cref="ShareComplaint"/> has checked the
/// group-independent evidence (the accused's signature, the revealed ceremony key, the key the
/// share was sealed to), open the P-384 share with the revealed key and Feldman-check it against
/// the accused's round-1 commitments (f_j(i)·G == Σ_k i^k·A_{j,k}, the check of <see cref="DkgPart3"/>).
/// </summary>
public static class P384ShareJudge
{
    /// <summary>A step for <see cref="ShareComplaint.Judge(ShareComplaintEvidence, ShareComplaint.OpenedCheck)"/>.</summary>
    public static ShareComplaint.OpenedCheck Against(DkgRound1 accusedPackage) => Against(Decode(accusedPackage));

    /// <summary>The same against a refresh package (zero constant term).</summary>
    public static ShareComplaint.OpenedCheck Against(P384RefreshRound1 accusedPackage, int threshold) =>
        Against(accusedPackage?.Commitments(threshold));

    private static ShareComplaint.OpenedCheck Against(P384Point[]? points) => (sealedSecret, revealed, evidence) =>
    {
        var accused = evidence.Accused;
        if (points is null) return ComplaintVerdict.Accused(accused, $"{accused} committed to a malformed P-384 polynomial");
        if (!DkgRound2.Open(sealedSecret, revealed, evidence.Context).TryGet(out var share, out _))
            return ComplaintVerdict.Accused(accused, $"the P-384 share {accused} sent does not open");
        using (share)
        {
            if (share.From != ParticipantId.FromNode(accused))
                return ComplaintVerdict.Accused(accused, $"the P-384 share {accused} sent names another sender");
            using var expected = DkgPart3.Horner(points, ParticipantId.FromNode(evidence.Complainer));
            using var actual = P384Point.MulBase(share.Share);
            return actual.Equals(expected)
                ? ComplaintVerdict.Complainer(evidence.Complainer, $"false accusation: the P-384 share {accused} sent is valid")
                : ComplaintVerdict.Accused(accused, $"the P-384 share {accused} sent fails its Feldman commitment");
        }
    };

    private static P384Point[]? Decode(DkgRound1 m)
    {
        if (m.Commitments is not { Length: > 0 }) return null;
        var points = new P384Point[m.Commitments.Length];
        for (var k = 0; k < points.Length; k++)
            if (!P384Point.TryDecode(m.Commitments[k], out points[k])) return null;
        return points;
    }
}
