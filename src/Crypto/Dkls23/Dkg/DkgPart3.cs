using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// DKG part 3: Feldman-check each received share f_j(i)·G == Σ_k i^k·A_{j,k} (a failure is a
/// complaint naming dealer j), then p(i) = Σ_j f_j(i), PK = Σ_j A_{j,0}, X_m = Σ_k m^k·C_k with
/// C_k = Σ_j A_{j,k} (<see cref="PedersenDkg{TGroup, TPoint}"/>), and the key sid over the whole
/// round-1 transcript. The caller then runs <see cref="DkgConfirm"/> (notes §3 step 4) before using the share.
/// </summary>
public static class DkgPart3
{
    public static Result<KeyShare, Dkls23Error> Run(DkgSecret secret, DkgRound1 own, IReadOnlyList<DkgRound1> peers, IReadOnlyList<DkgRound2> received)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(received);
        var checkedPeers = DkgPart2.CheckAll(secret, peers);
        if (!checkedPeers.TryGet(out var commitments, out var error)) return error.As<KeyShare>();
        var ownCommitment = DkgPart2.Decode(own) ?? throw new ArgumentException("Own package corrupt.", nameof(own));

        using var ownShare = secret.Polynomial.Evaluate(secret.Self);
        var combined = PedersenDkg<P384PrimeOrderGroup, P384Point>.Part3(secret.Self, ownShare.Span, ownCommitment, commitments, received);
        if (!combined.TryGet(out var c, out var fault)) return fault.ToDkls23().As<KeyShare>();
        var publicShares = PedersenDkg<P384PrimeOrderGroup, P384Point>.PublicShares(c.Sum, secret.Participants);
        commitments[secret.Self] = ownCommitment;
        return new KeyShare(secret.Self, secret.Threshold, secret.Participants, c.Share, publicShares, c.Sum[0], Sid(secret, commitments));
    }

    /// <summary>H("dkg/sid", context, t, (j, A_j,0..A_j,t−1) for every participant in order).</summary>
    private static byte[] Sid(DkgSecret secret, IReadOnlyDictionary<ParticipantId, IReadOnlyList<P384Point>> commitments)
    {
        using var o = new Oracle("dkg/sid");
        o.Add(secret.Context).Add(secret.Threshold);
        foreach (var j in secret.Participants)
        {
            o.Add(j.Value);
            foreach (var a in commitments[j]) o.Add(a);
        }
        return o.Finish(32);
    }
}
