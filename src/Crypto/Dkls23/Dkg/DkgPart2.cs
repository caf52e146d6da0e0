using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// DKG part 2: check every peer's round-1 package (exactly t commitments that decode, not the
/// identity: TOB-SILA-1/2; proof of knowledge verifies), then deal f_i(j) to each peer j.
/// A bad package names its sender.
/// </summary>
public static class DkgPart2
{
    public static Result<IReadOnlyList<DkgRound2>, Dkls23Error> Run(DkgSecret secret, IReadOnlyList<DkgRound1> peers)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(peers);
        var check = CheckAll(secret, peers);
        return check.IsOk ? Result<IReadOnlyList<DkgRound2>, Dkls23Error>.Ok(secret.Deal()) : check.Error.As<IReadOnlyList<DkgRound2>>();
    }

    /// <summary>Shape and proof checks of all peers' round-1 packages; returns the decoded commitments by sender.</summary>
    internal static Result<SortedDictionary<ParticipantId, IReadOnlyList<P384Point>>, Dkls23Error> CheckAll(DkgSecret secret, IReadOnlyList<DkgRound1> peers)
    {
        var others = secret.Participants.Where(p => p != secret.Self).ToHashSet();
        var shape = PedersenDkg<P384PrimeOrderGroup, P384Point>.CheckRound1(secret.Self, secret.Threshold, secret.Participants.Count, others,
            zeroConstant: false, peers.Select(m => (m.From, Decode(m))));
        if (!shape.TryGet(out var commitments, out var fault)) return fault.ToDkls23().As<SortedDictionary<ParticipantId, IReadOnlyList<P384Point>>>();
        var proofs = PedersenDkg<P384PrimeOrderGroup, P384Point>.CheckProofs(
            peers.Select(m => (m.From, commitments[m.From][0], Proof(m))), DkgPart1.PokChallenge(secret.Context));
        return proofs is null ? commitments : proofs.ToDkls23().As<SortedDictionary<ParticipantId, IReadOnlyList<P384Point>>>();
    }

    /// <summary>The commitment vector as points; null when one does not decode (its length is checked by the caller).</summary>
    internal static IReadOnlyList<P384Point>? Decode(DkgRound1 m)
    {
        if (m.Commitments is null) return null;
        var points = new P384Point[m.Commitments.Length];
        for (var k = 0; k < points.Length; k++)
            if (m.Commitments[k] is null || !P384Point.TryDecode(m.Commitments[k], out points[k])) return null;
        return points;
    }

    private static SchnorrProof<P384Point>? Proof(DkgRound1 m) =>
        m.ProofZ is not null && m.ProofR is not null && P384Scalar.TryDecode(m.ProofZ, out _) && P384Point.TryDecode(m.ProofR, out var r)
            ? new SchnorrProof<P384Point>(r, m.ProofZ)
            : null;
}
