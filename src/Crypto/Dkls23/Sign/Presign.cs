using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// The message-independent end of DKLs23 Protocol 3.6 round 3 (notes §7): per peer j — (C0) echo,
/// (C1) open com_j, (C2) finish the RVOLE as Bob (μ check), (C4) χ_{i,j}·R_j = Γ^u_j + d^u·G,
/// (C5) χ_{i,j}·pk_j = Γ^v_j + d^v·G (for all peers at once, <see cref="GammaCheck"/>); then (C6) Σ pk_k = PK
/// and R ≠ ∞. C1, C2, C4, C5 name j (ban); C0 and C6 cannot name anyone. Output: the <see cref="Presignature"/> holding
/// u_i = r_i·Φ_i + Σ(c^u + d^u), φ_i and v_i = sk_i·Φ_i + Σ(c^v + d^v); the session is consumed
/// first (P7), so rounds 1–2 of one sigid yield at most one presignature.
/// </summary>
public static class Presign
{
    public static Result<Presignature, Dkls23Error> Finish(SignSession session, IReadOnlyList<SignRound2P2p> toMe)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(toMe);
        if (session.Stage != 2) return Dkls23Error.Of(Dkls23Failure.SessionConsumed, "Round 3 needs a session after round 2, used once.").As<Presignature>();
        session.Stage = 3;                                   // consumed, whatever happens below
        using (session)
        {
            var peers = session.Peers.ToHashSet();
            if (toMe.Count != peers.Count || !toMe.All(m => peers.Contains(m.From) && m.To == session.Self) || toMe.DistinctBy(m => m.From).Count() != peers.Count)
                return Dkls23Error.Of(Dkls23Failure.WrongSession, "Round-2 messages do not match the signer set.").As<Presignature>();

            var nonces = new List<P384Point> { session.NoncePoint };
            var pks = new List<P384Point> { session.PublicKeyShare };
            var phiTotal = session.Phi;
            var uSum = P384Scalar.Zero;
            var vSum = P384Scalar.Zero;
            var claims = new List<GammaClaim>();
            var claimants = new List<ParticipantId>();
            foreach (var m in toMe.OrderBy(m => m.From))
            {
                var j = m.From;
                if (!CryptographicOperations.FixedTimeEquals(m.Echo ?? [], session.Echo))
                    return Dkls23Error.Of(Dkls23Failure.EchoMismatch, "A peer saw different round-1 commitments.").As<Presignature>();
                if (!P384Point.TryDecode(m.Nonce ?? [], out var rj) || m.Salt is not { Length: 32 }
                    || !CryptographicOperations.FixedTimeEquals(SignSession.CommitmentOf(session.Key, session.SigId, j, m.Nonce, m.Salt), session.PeerCommitments[j]))
                    return Dkls23Error.Blame(Dkls23Failure.CommitmentMismatch, j, "R_j does not open the round-1 commitment (C1).").As<Presignature>();
                if (!P384Point.TryDecode(m.PublicKeyShare ?? [], out var pkj) || !P384Point.TryDecode(m.GammaU ?? [], out var gu)
                    || !P384Point.TryDecode(m.GammaV ?? [], out var gv) || !P384Scalar.TryDecode(m.Psi ?? [], out var psi) || m.Rvole is null)
                    return Dkls23Error.Blame(Dkls23Failure.MalformedMessage, j, "Round-2 message does not parse.").As<Presignature>();

                var pair = session.Pairs[j];
                var bob = session.Bob[j];
                session.Bob.Remove(j);
                if (!Rvole.BobFinish(bob, pair.GadgetAsBob, m.Rvole, out var d))
                    return Dkls23Error.Blame(Dkls23Failure.MultiplicationCheckFailed, j, "RVOLE check failed (C2): ban this party.").As<Presignature>();
                claims.Add(new GammaClaim(session.Chi[j], rj, pkj, gu, gv, d[0], d[1]));
                claimants.Add(j);

                var (cu, cv) = session.AliceShares[j];
                uSum += cu + d[0];
                vSum += cv + d[1];
                phiTotal += psi;                             // Φ_i = φ_i + Σ_j ψ_{j,i}
                nonces.Add(rj);
                pks.Add(pkj);
            }

            if (GammaCheck.RunAll(claims) is { } broken)
                return Dkls23Error.Blame(broken.Failure, claimants[broken.Index], broken.Failure == Dkls23Failure.NonceConsistencyFailed
                    ? "Γ^u inconsistent with R_j (C4): ban this party." : "Γ^v inconsistent with pk_j (C5): ban this party.").As<Presignature>();

            using var pkSum = P384Point.Sum(pks);
            var bigR = P384Point.Sum(nonces);
            if (!pkSum.Equals(session.Key.PublicKey) || bigR.IsIdentity)
                return Dkls23Error.Of(Dkls23Failure.PublicKeyMismatch, "Σ pk_j ≠ PK or R = ∞ (C6): abort, no culprit.").As<Presignature>();

            var u = (session.Nonce * phiTotal) + uSum;
            var v = (session.KeyShareAdditive * phiTotal) + vSum;
            using (bigR)
                return new Presignature(session.Self, session.Signers, session.SigId, session.Key.Sid, session.Key.PublicKey, bigR.Encode(),
                    u, session.Phi, v);
        }
    }

}
