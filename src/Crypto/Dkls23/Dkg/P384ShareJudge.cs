using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// The P-384 half of a DKG share complaint: once <see cref="ShareComplaint"/> has checked the
/// group-independent evidence (the accused's signature, the revealed ceremony key, the key the
/// share was sealed to), <see cref="ShareJudge{TGroup, TPoint}"/> — the same code as FROST's — opens
/// the P-384 share with the revealed key and Feldman-checks it against the accused's round-1
/// commitments (f_j(i)·G == Σ_k i^k·A_{j,k}, the check of <see cref="DkgPart3"/>).
/// </summary>
public static class P384ShareJudge
{
    /// <summary>A step for <see cref="ShareComplaint.Judge(ShareComplaintEvidence, ShareComplaint.OpenedCheck)"/>.</summary>
    public static ShareComplaint.OpenedCheck Against(DkgRound1 accusedPackage) =>
        ShareJudge<P384PrimeOrderGroup, P384Point>.Against<DkgRound2>(
            accusedPackage is { Commitments.Length: > 0 } ? DkgPart2.Decode(accusedPackage) : null, DkgRound2.Open);

    /// <summary>The same against a refresh package (zero constant term).</summary>
    public static ShareComplaint.OpenedCheck Against(P384RefreshRound1 accusedPackage, int threshold) =>
        ShareJudge<P384PrimeOrderGroup, P384Point>.Against<DkgRound2>(accusedPackage?.Commitments(threshold), DkgRound2.Open);
}
