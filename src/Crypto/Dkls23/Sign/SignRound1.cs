using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// DKLs23 Protocol 3.6, round 1 (notes §7): sample the instance key r_i and inversion mask φ_i from
/// the CSPRNG (never from m), commit to R_i = r_i·G, and start one RVOLE as Bob toward every other
/// signer, which fixes χ_{i,j}. Message independent: the digest is needed only in round 3.
/// </summary>
public static class SignRound1
{
    public static Result<(SignSession Session, SignRound1Broadcast Broadcast, IReadOnlyList<SignRound1P2p> ToPeers), Dkls23Error> Run(
        KeyShare key, IReadOnlyDictionary<ParticipantId, PairState> pairs, IReadOnlyList<ParticipantId> signers, ReadOnlySpan<byte> sigid)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(signers);
        var set = CheckSigners(key, pairs, signers);
        if (!set.IsOk) return set.Error.As<(SignSession, SignRound1Broadcast, IReadOnlyList<SignRound1P2p>)>();
        if (sigid.Length < 16) throw new ArgumentException("sigid must be at least 16 bytes and unique per signature.", nameof(sigid));
        if (!key.TryReserveSigId(sigid))
            return Dkls23Error.Of(Dkls23Failure.SessionConsumed, "This signature id was already used with this key share.").As<(SignSession, SignRound1Broadcast, IReadOnlyList<SignRound1P2p>)>();

        // the pairs this signature uses, taken once: the node's live table may lose or replace a
        // pair (a peer restarted) while the session runs, and that must not surface mid-protocol
        var used = new Dictionary<ParticipantId, PairState>();
        foreach (var j in set.Value)
        {
            if (j == key.Self) continue;
            if (!pairs.TryGetValue(j, out var pair))
                return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, $"No pairwise setup with {j}.").As<(SignSession, SignRound1Broadcast, IReadOnlyList<SignRound1P2p>)>();
            used[j] = pair;
        }
        var session = new SignSession(key, used, set.Value, sigid.ToArray())
        {
            Nonce = P384Scalar.RandomNonZero(),
            Phi = P384Scalar.RandomNonZero(),
            Salt = RandomNumberGenerator.GetBytes(32),
        };
        session.NoncePoint = P384Point.MulBase(session.Nonce);
        session.Commitment = SignSession.CommitmentOf(key, session.SigId, key.Self, session.NoncePoint.Encode(), session.Salt);

        var toPeers = new List<SignRound1P2p>();
        foreach (var j in session.Peers)
        {
            var pair = used[j];
            var ote = Rvole.BobStart(pair.AsBob, pair.GadgetAsBob, SignSession.RvoleSid(pair.SidAsBob, session.SigId), out var bob);
            session.Bob[j] = bob;
            session.Chi[j] = bob.B;
            toPeers.Add(new SignRound1P2p(key.Self, j, ote, pair.Tag.ToArray())); // a copy: the message must not alias the pair's own tag
        }
        return (session, new SignRound1Broadcast(key.Self, session.Commitment), toPeers);
    }

    /// <summary>
    /// |S| ≥ t, distinct, all in the key's participant set, including self, with a pairwise setup for
    /// every peer — refused before round 1 (notes §13.4), so fewer than t never start a signature.
    /// </summary>
    internal static Result<IReadOnlyList<ParticipantId>, Dkls23Error> CheckSigners(KeyShare key, IReadOnlyDictionary<ParticipantId, PairState> pairs, IReadOnlyList<ParticipantId> signers)
    {
        var sorted = signers.Order().ToArray();
        if (sorted.Distinct().Count() != sorted.Length)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "Signer set has a duplicate.").As<IReadOnlyList<ParticipantId>>();
        if (sorted.Length < key.Threshold)
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "Fewer than t signers.").As<IReadOnlyList<ParticipantId>>();
        if (!sorted.Contains(key.Self) || sorted.Any(j => !key.Participants.Contains(j)))
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "Signer set lacks self or names an unknown party.").As<IReadOnlyList<ParticipantId>>();
        if (sorted.Any(j => j != key.Self && (!pairs.TryGetValue(j, out var p) || p.Peer != j || p.Self != key.Self)))
            return Dkls23Error.Of(Dkls23Failure.InvalidSignerSet, "No pairwise setup with a signer.").As<IReadOnlyList<ParticipantId>>();
        return sorted;
    }
}
