using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

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
        if (!check.IsOk) return check.Error.As<IReadOnlyList<DkgRound2>>();
        var shares = new List<DkgRound2>();
        foreach (var j in secret.Participants)
            if (j != secret.Self) shares.Add(new DkgRound2(secret.Self, j, secret.Evaluate(j)));
        return shares;
    }

    /// <summary>Shape and proof checks of all peers' round-1 packages; returns the decoded commitments by sender.</summary>
    internal static Result<Dictionary<ParticipantId, P384Point[]>, Dkls23Error> CheckAll(DkgSecret secret, IReadOnlyList<DkgRound1> peers)
    {
        var expected = secret.Participants.Where(p => p != secret.Self).ToHashSet();
        var result = new Dictionary<ParticipantId, P384Point[]>();
        foreach (var m in peers)
        {
            if (!expected.Remove(m.From))
                return Dkls23Error.Blame(Dkls23Failure.WrongSession, m.From, "Round-1 package from an unexpected or repeated sender.").As<Dictionary<ParticipantId, P384Point[]>>();
            var decoded = Decode(secret.Threshold, m);
            if (decoded is null)
                return Dkls23Error.Blame(Dkls23Failure.InvalidCommitment, m.From, "Commitment vector has the wrong length or a bad point.").As<Dictionary<ParticipantId, P384Point[]>>();
            if (!VerifyProof(secret.Context, m, decoded[0]))
                return Dkls23Error.Blame(Dkls23Failure.InvalidProofOfKnowledge, m.From, "Proof of knowledge of the constant term fails.").As<Dictionary<ParticipantId, P384Point[]>>();
            result[m.From] = decoded;
        }
        if (expected.Count != 0)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "Missing round-1 packages.").As<Dictionary<ParticipantId, P384Point[]>>();
        return result;
    }

    private static P384Point[]? Decode(int threshold, DkgRound1 m)
    {
        if (m.Commitments is null || m.Commitments.Length != threshold) return null;
        var points = new P384Point[threshold];
        for (var k = 0; k < threshold; k++)
            if (!P384Point.TryDecode(m.Commitments[k], out points[k])) return null;
        return points;
    }

    private static bool VerifyProof(byte[] context, DkgRound1 m, P384Point a0)
    {
        if (m.ProofZ is null || m.ProofR is null || !P384Scalar.TryDecode(m.ProofZ, out var z) || !P384Point.TryDecode(m.ProofR, out var r)) return false;
        var c = DkgPart1.Challenge(context, m.From, m.Commitments[0], m.ProofR);
        // z·G − c·A_0 == R (public values: the variable-time two-term multiplication is fine)
        using var lhs = P384Point.MulAddPublic(z, -c, a0);
        return lhs.Equals(r);
    }
}
