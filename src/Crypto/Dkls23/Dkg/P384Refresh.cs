using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// Proactive refresh of a P-384 key share (Herzberg et al.; <see cref="ShareRefresh{TGroup, TPoint}"/>,
/// the same code as the FROST refresh): every party deals a polynomial with zero constant term, so
/// p'(x) = p(x) + Σ_j f_j(x) has p'(0) = p(0): the ECDSA public key stays, every share changes and old
/// shares no longer combine with new ones. Commitments cover only a_1..a_{t−1} (a_0 = 0 is implicit:
/// no proof of knowledge is needed, nobody can shift the key). The new key sid hashes the old one
/// with every commitment.
/// </summary>
public static class P384Refresh
{
    public static (DkgSecret Secret, P384RefreshRound1 Message) Part1(ParticipantId self, int threshold, IReadOnlyList<ParticipantId> participants, ReadOnlySpan<byte> context)
    {
        DkgPart1.CheckParticipants(self, threshold, participants);
        var polynomial = Polynomial<P384PrimeOrderGroup, P384Point>.Random(threshold, zeroConstant: true);
        var commitments = polynomial.Commit().Skip(1).Select(p => p.Encode()).ToArray();
        return (new DkgSecret(self, [.. participants.Order()], context.ToArray(), polynomial), new P384RefreshRound1(self, commitments));
    }

    /// <summary>f_i(j) for every peer j (after the transcript is confirmed).</summary>
    public static IReadOnlyList<DkgRound2> Part2(DkgSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Deal();
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
        if (!round1.TryGetValue(secret.Self, out var ownMessage) || ownMessage.Commitments(secret.Threshold) is not { } ownCommitment)
            return Dkls23Error.Blame(Dkls23Failure.InvalidCommitment, secret.Self, "Own refresh commitments missing or malformed.").As<KeyShare>();
        var others = secret.Participants.Where(p => p != secret.Self).ToHashSet();
        var shape = PedersenDkg<P384PrimeOrderGroup, P384Point>.CheckRound1(secret.Self, secret.Threshold, secret.Participants.Count, others,
            zeroConstant: true, round1.Where(kv => kv.Key != secret.Self).Select(kv => (kv.Key, Commitments(kv.Value, kv.Key, secret.Threshold))));
        if (!shape.TryGet(out var commitments, out var fault)) return fault.ToDkls23().As<KeyShare>();

        using var ownShare = secret.Polynomial.Evaluate(secret.Self);
        var combined = PedersenDkg<P384PrimeOrderGroup, P384Point>.Part3(secret.Self, ownShare.Span, ownCommitment, commitments, received);
        if (!combined.TryGet(out var c, out fault)) return fault.ToDkls23().As<KeyShare>();
        using var delta = c.Share;
        var applied = ShareRefresh<P384PrimeOrderGroup, P384Point>.Apply(secret.Self, current.ShareEncoding, delta.Span, c.Sum, c.Participants, current.PublicShares);
        if (!applied.TryGet(out var a, out fault)) return fault.ToDkls23().As<KeyShare>();
        commitments[secret.Self] = ownCommitment;
        return new KeyShare(secret.Self, secret.Threshold, secret.Participants, a.Share, a.PublicShares, current.PublicKey, Sid(current, secret, commitments));
    }

    /// <summary>The dealer's commitment vector [∞, A_1..A_{t−1}]; null when malformed or sent under another sender's name.</summary>
    private static IReadOnlyList<P384Point>? Commitments(P384RefreshRound1 m, ParticipantId sender, int threshold) =>
        m.From == sender ? m.Commitments(threshold) : null;

    private static byte[] Sid(KeyShare current, DkgSecret secret, IReadOnlyDictionary<ParticipantId, IReadOnlyList<P384Point>> commitments)
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
