using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// DKG part 3: Feldman-check each received share f_j(i)·G == Σ_k i^k·A_{j,k} (a failure is a
/// complaint naming dealer j), then p(i) = Σ_j f_j(i), PK = Σ_j A_{j,0}, X_m = Σ_k m^k·C_k with
/// C_k = Σ_j A_{j,k}, and the key sid over the whole round-1 transcript. Checks p(i)·G == X_i.
/// The caller then runs <see cref="DkgConfirm"/> (notes §3 step 4) before using the share.
/// </summary>
public static class DkgPart3
{
    public static Result<KeyShare, Dkls23Error> Run(DkgSecret secret, DkgRound1 own, IReadOnlyList<DkgRound1> peers, IReadOnlyList<DkgRound2> received)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(received);
        var checkedPeers = DkgPart2.CheckAll(secret, peers);
        if (!checkedPeers.IsOk) return checkedPeers.Error.As<KeyShare>();
        var commitments = checkedPeers.Value;
        commitments[secret.Self] = [.. own.Commitments.Select(c => P384Point.TryDecode(c, out var p) ? p : throw new ArgumentException("Own package corrupt."))];

        var share = secret.Evaluate(secret.Self);
        var seen = new HashSet<ParticipantId>();
        foreach (var m in received)
        {
            if (m.To != secret.Self || !commitments.ContainsKey(m.From) || m.From == secret.Self || !seen.Add(m.From))
                return Dkls23Error.Blame(Dkls23Failure.WrongSession, m.From, "Share not addressed to us, or repeated.").As<KeyShare>();
            var fji = m.Share;
            using var expected = Horner(commitments[m.From], secret.Self);
            using var actual = P384Point.MulBase(fji);
            if (!actual.Equals(expected))
                return Dkls23Error.Blame(Dkls23Failure.InvalidSecretShare, m.From, "Share fails the Feldman check (complaint).").As<KeyShare>();
            share += fji;
        }
        if (seen.Count != secret.Participants.Count - 1)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "Missing secret shares.").As<KeyShare>();

        var t = secret.Threshold;
        var sum = new P384Point[t];
        for (var k = 0; k < t; k++) sum[k] = P384Point.Sum(secret.Participants.Select(j => commitments[j][k]));
        var publicShares = secret.Participants.ToDictionary(j => j, j => Horner(sum, j));
        using (var mine = P384Point.MulBase(share))
            if (!mine.Equals(publicShares[secret.Self])) throw new InvalidOperationException("Invariant broken: own share does not match X_i.");
        return new KeyShare(secret.Self, t, secret.Participants, share, publicShares, sum[0], Sid(secret, commitments));
    }

    /// <summary>Σ_k x^k·C_k by Horner's rule (public values).</summary>
    internal static P384Point Horner(P384Point[] c, ParticipantId x)
    {
        var xs = P384Scalar.FromInt(x.Value);
        var acc = c[^1];
        for (var k = c.Length - 2; k >= 0; k--) acc = acc.Multiply(xs) + c[k];
        return acc;
    }

    private static byte[] Sid(DkgSecret secret, Dictionary<ParticipantId, P384Point[]> commitments)
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
