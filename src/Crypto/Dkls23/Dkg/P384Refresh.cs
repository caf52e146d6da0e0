using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// Proactive refresh of a P-384 key share (Herzberg et al.; the FROST refresh of Refresh.cs over
/// P-384): every party deals a polynomial with zero constant term, so p'(x) = p(x) + Σ_j f_j(x) has
/// p'(0) = p(0): the ECDSA public key stays, every share changes and old shares no longer combine with
/// new ones. Commitments cover only a_1..a_{t−1} (a_0 = 0 is implicit: no proof of knowledge is
/// needed, nobody can shift the key). The new key sid hashes the old one with every commitment.
/// </summary>
public static class P384Refresh
{
    public static (DkgSecret Secret, P384RefreshRound1 Message) Part1(ParticipantId self, int threshold, IReadOnlyList<ParticipantId> participants, ReadOnlySpan<byte> context)
    {
        ArgumentNullException.ThrowIfNull(participants);
        if (threshold < 2 || threshold > participants.Count) throw new ArgumentOutOfRangeException(nameof(threshold), "Need 2 ≤ t ≤ n.");
        if (participants.Distinct().Count() != participants.Count || !participants.Contains(self))
            throw new ArgumentException("Participants must be distinct and include self.", nameof(participants));
        // coefficient 0 stays zero (SecretHandle memory starts zeroed and is written only from k = 1)
        var coefficients = SecretHandle.Allocate(threshold * P384Scalar.Size);
        coefficients.Span[..P384Scalar.Size].Clear();
        var commitments = new byte[threshold - 1][];
        for (var k = 1; k < threshold; k++)
        {
            var a = P384Scalar.RandomNonZero();
            a.WriteTo(coefficients.Span.Slice(k * P384Scalar.Size, P384Scalar.Size));
            using var ak = P384Point.MulBase(a);
            commitments[k - 1] = ak.Encode();
        }
        return (new DkgSecret(self, threshold, [.. participants.Order()], context.ToArray(), coefficients), new P384RefreshRound1(self, commitments));
    }

    /// <summary>f_i(j) for every peer j (after the transcript is confirmed).</summary>
    public static IReadOnlyList<DkgRound2> Part2(DkgSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return [.. secret.Participants.Where(j => j != secret.Self).Select(j => new DkgRound2(secret.Self, j, secret.Evaluate(j)))];
    }

    /// <summary>
    /// Checks every received share against its dealer's commitments (a failure names the dealer) and
    /// returns the refreshed share of <paramref name="current"/>, same public key, new public shares and sid.
    /// </summary>
    public static Result<KeyShare, Dkls23Error> Part3(DkgSecret secret, IReadOnlyDictionary<ParticipantId, P384RefreshRound1> round1,
        IReadOnlyList<DkgRound2> received, KeyShare current)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(round1);
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(current);
        if (current.Threshold != secret.Threshold || !current.Participants.Order().SequenceEqual(secret.Participants))
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "Refresh parameters differ from the current key's.").As<KeyShare>();
        var commitments = new Dictionary<ParticipantId, P384Point[]>();
        foreach (var j in secret.Participants)
        {
            if (!round1.TryGetValue(j, out var m) || m.From != j || m.Commitments(secret.Threshold) is not { } points)
                return Dkls23Error.Blame(Dkls23Failure.InvalidCommitment, j, "Refresh commitments missing or malformed.").As<KeyShare>();
            commitments[j] = points;
        }
        var share = current.Share + secret.Evaluate(secret.Self);
        var seen = new HashSet<ParticipantId>();
        foreach (var m in received)
        {
            if (m.To != secret.Self || m.From == secret.Self || !commitments.ContainsKey(m.From) || !seen.Add(m.From))
                return Dkls23Error.Blame(Dkls23Failure.WrongSession, m.From, "Share not addressed to us, or repeated.").As<KeyShare>();
            using var expected = DkgPart3.Horner(commitments[m.From], secret.Self);
            using var actual = P384Point.MulBase(m.Share);
            if (!actual.Equals(expected))
                return Dkls23Error.Blame(Dkls23Failure.InvalidSecretShare, m.From, "Refresh share fails the Feldman check (complaint).").As<KeyShare>();
            share += m.Share;
        }
        if (seen.Count != secret.Participants.Count - 1)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "Missing refresh shares.").As<KeyShare>();
        var sum = new P384Point[secret.Threshold];
        for (var k = 0; k < sum.Length; k++) sum[k] = P384Point.Sum(secret.Participants.Select(j => commitments[j][k]));
        var publicShares = secret.Participants.ToDictionary(j => j, j => current.PublicShares[j] + DkgPart3.Horner(sum, j));
        using (var mine = P384Point.MulBase(share))
            if (!mine.Equals(publicShares[secret.Self])) throw new InvalidOperationException("Invariant broken: refreshed share does not match X_i.");
        return new KeyShare(secret.Self, secret.Threshold, secret.Participants, share, publicShares, current.PublicKey, Sid(current, secret, commitments));
    }

    private static byte[] Sid(KeyShare current, DkgSecret secret, Dictionary<ParticipantId, P384Point[]> commitments)
    {
        using var o = new Oracle("dkg/refresh-sid");
        o.Add(current.Sid).Add(secret.Context).Add(secret.Threshold);
        foreach (var j in secret.Participants)
        {
            o.Add(j.Value);
            foreach (var a in commitments[j].Skip(1)) o.Add(a);
        }
        return o.Finish(32);
    }
}
