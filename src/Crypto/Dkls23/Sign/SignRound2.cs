using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// DKLs23 Protocol 3.6, round 2 (notes §7): derive the additive key share sk_i = λ_i^S·p(i) + ζ_i
/// (§8), compare each peer's pair tag with ours (different setups ⇒ redo the pair, nobody blamed),
/// verify each peer's OT-extension check (failure ⇒ ban that peer, P1) and answer its RVOLE
/// as Alice with inputs (r_i, sk_i), then send Γ^u, Γ^v, ψ, pk_i, the decommitment and the echo.
/// </summary>
public static class SignRound2
{
    public static Result<IReadOnlyList<SignRound2P2p>, Dkls23Error> Run(SignSession session,
        IReadOnlyList<SignRound1Broadcast> broadcasts, IReadOnlyList<SignRound1P2p> toMe)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(broadcasts);
        ArgumentNullException.ThrowIfNull(toMe);
        if (session.Stage != 1) return Dkls23Error.Of(Dkls23Failure.SessionConsumed, "Round 2 already run or session consumed.").As<IReadOnlyList<SignRound2P2p>>();
        var peers = session.Peers.ToHashSet();
        // Session/sender checks before any OT data is touched (P2): a misrouted message bans nobody.
        if (broadcasts.Count != peers.Count || !broadcasts.All(b => peers.Contains(b.From)) || broadcasts.DistinctBy(b => b.From).Count() != peers.Count
            || toMe.Count != peers.Count || !toMe.All(m => peers.Contains(m.From) && m.To == session.Self) || toMe.DistinctBy(m => m.From).Count() != peers.Count)
            return Dkls23Error.Of(Dkls23Failure.WrongSession, "Round-1 messages do not match the signer set.").As<IReadOnlyList<SignRound2P2p>>();
        if (toMe.FirstOrDefault(m => m.PairTag is not { Length: PairState.TagSize }) is { } untagged)
        {
            session.Dispose();
            return Dkls23Error.Blame(Dkls23Failure.MalformedMessage, untagged.From, "Pair tag has the wrong length.").As<IReadOnlyList<SignRound2P2p>>();
        }
        // Pair states from two different setups fail the OT-extension check exactly like a cheating
        // Bob, so the tags are compared first: a mismatch names nobody and no OT row is used, so a
        // peer that sends a wrong tag on purpose learns nothing from it (it is the same as not answering).
        var unpaired = toMe.Where(m => !CryptographicOperations.FixedTimeEquals(m.PairTag, session.Pairs[m.From].Tag)).Select(m => m.From).Order().ToArray();
        if (unpaired.Length > 0)
        {
            session.Dispose();
            return Dkls23Error.PairsDiffer(unpaired, "Pair states come from different setups: set the pair up afresh.").As<IReadOnlyList<SignRound2P2p>>();
        }
        if (broadcasts.FirstOrDefault(b => b.Commitment is not { Length: 64 }) is { } bad)
        {
            session.Dispose();
            return Dkls23Error.Blame(Dkls23Failure.MalformedMessage, bad.From, "Commitment has the wrong length.").As<IReadOnlyList<SignRound2P2p>>();
        }
        foreach (var b in broadcasts) session.PeerCommitments[b.From] = b.Commitment;
        session.Echo = Echo(session);
        session.Stage = 2;

        var key = session.Key;
        var sk = (Lagrange(key.Self, session.Signers) * key.Share) + ZeroShare(session);
        session.KeyShareAdditive = sk;
        session.PublicKeyShare = P384Point.MulBase(sk);
        var nonce = session.NoncePoint.Encode();
        var pk = session.PublicKeyShare.Encode();

        var replies = new List<SignRound2P2p>();
        foreach (var m in toMe.OrderBy(m => m.From))
        {
            var j = m.From;
            var pair = session.Pairs[j];
            if (m.Ote is null || !m.Ote.IsWellFormed)
            {
                session.Dispose();
                return Dkls23Error.Blame(Dkls23Failure.MalformedMessage, j, "OT-extension message has the wrong shape.").As<IReadOnlyList<SignRound2P2p>>();
            }
            var sid = SignSession.RvoleSid(pair.SidAsAlice, session.SigId);
            if (!Rvole.AliceRespond(pair.AsAlice, pair.GadgetAsAlice, sid, m.Ote, [session.Nonce, sk], out var c, out var rv))
            {
                session.Dispose();
                return Dkls23Error.Blame(Dkls23Failure.OtExtensionCheckFailed, j, "OT-extension consistency check failed: ban this party (P1).").As<IReadOnlyList<SignRound2P2p>>();
            }
            session.AliceShares[j] = (c[0], c[1]);
            using var gu = P384Point.MulBase(c[0]);
            using var gv = P384Point.MulBase(c[1]);
            var psi = session.Phi - session.Chi[j];          // ψ_{i,j} = φ_i − χ_{i,j}
            replies.Add(new SignRound2P2p(session.Self, j, rv, gu.Encode(), gv.Encode(), psi.ToArray(), pk, nonce, session.Salt, session.Echo));
        }
        return replies;
    }

    // λ_i^S is public and there are few (i, S): a 3-of-5 key has 30. Its Fermat inversion was ~1 % of a signature.
    private const int LagrangeCacheLimit = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, P384Scalar> LagrangeCache = new();

    /// <summary>λ_i^S = Π_{j∈S, j≠i} x_j / (x_j − x_i) mod n (identifiers are distinct and non-zero: checked in round 1).</summary>
    internal static P384Scalar Lagrange(ParticipantId i, IReadOnlyList<ParticipantId> set)
    {
        var key = i.Value + ":" + string.Join(',', set.Select(j => j.Value));
        if (LagrangeCache.TryGetValue(key, out var cached)) return cached;
        var lambda = ComputeLagrange(i, set);
        if (LagrangeCache.Count < LagrangeCacheLimit) LagrangeCache.TryAdd(key, lambda);
        return lambda;
    }

    private static P384Scalar ComputeLagrange(ParticipantId i, IReadOnlyList<ParticipantId> set)
    {
        var num = P384Scalar.One;
        var den = P384Scalar.One;
        var xi = P384Scalar.FromInt(i.Value);
        foreach (var j in set)
        {
            if (j == i) continue;
            var xj = P384Scalar.FromInt(j.Value);
            num *= xj;
            den *= xj - xi;
        }
        return num * den.Invert();
    }

    /// <summary>
    /// ζ_i = Σ_{j∈S∖i} ±PRF(seed_{ij}, sid, sigid, S), + when i &gt; j, − when i &lt; j, so Σ_S ζ_i = 0
    /// (F_Zero; notes §8): the additive shares are fresh per signature.
    /// </summary>
    internal static P384Scalar ZeroShare(SignSession session)
    {
        var z = P384Scalar.Zero;
        foreach (var j in session.Peers)
        {
            using var o = new Oracle("sign/zero");
            o.Add(session.Pairs[j].ZeroSeed.Span).Add(session.Key.Sid).Add(session.SigId);
            foreach (var k in session.Signers) o.Add(k.Value);
            var v = o.FinishScalar();
            z = session.Self > j ? z + v : z - v;
        }
        return z;
    }

    /// <summary>H(sigid, com_k for all k ∈ S in order): equal at every honest party unless someone equivocated.</summary>
    private static byte[] Echo(SignSession session)
    {
        using var o = new Oracle("sign/echo");
        o.Add(session.Key.Sid).Add(session.SigId);
        foreach (var k in session.Signers) o.Add(k.Value).Add(k == session.Self ? session.Commitment : session.PeerCommitments[k]);
        return o.Finish(32);
    }
}
