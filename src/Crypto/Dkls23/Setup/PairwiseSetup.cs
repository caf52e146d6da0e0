using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Setup;

/// <summary>
/// The pairwise setup of DKLs23 between two parties (notes §4): two ordered instances of λ_c base
/// OTs (each side is base-OT sender for the instance where it is Bob and receiver, with random
/// choices Δ, where it is Alice) and a commit-then-reveal zero-share seed (F_Zero of the paper).
/// Two messages each way. Every hash is bound to the key's sid and the ordered pair (TOB-SILA-5).
/// </summary>
public static class PairwiseSetup
{
    /// <summary>Message 1: S (as base-OT sender) and a commitment to our seed contribution.</summary>
    public static (SetupSecret Secret, SetupRound1 Message) Round1(ReadOnlySpan<byte> keySid, ParticipantId self, ParticipantId peer)
    {
        if (self == peer) throw new ArgumentException("A party does not set up with itself.", nameof(peer));
        var s = BaseOt.SenderStart(out var y);
        var seed = SecretHandle.Allocate(32);
        RandomNumberGenerator.Fill(seed.Span);
        var salt = RandomNumberGenerator.GetBytes(32);
        var secret = new SetupSecret(keySid.ToArray(), self, peer, y, s, seed, salt);
        return (secret, new SetupRound1(self, peer, s, SeedCommitment(keySid, self, seed.Span, salt)));
    }

    /// <summary>Message 2: our base-OT receiver answer with fresh choices Δ, and our seed opening.</summary>
    public static Result<SetupRound2, Dkls23Error> Round2(SetupSecret secret, SetupRound1 fromPeer)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(fromPeer);
        if (fromPeer.From != secret.Peer || fromPeer.To != secret.Self)
            return Dkls23Error.Of(Dkls23Failure.WrongSession, "Setup message for another pair.").As<SetupRound2>();
        if (fromPeer.S is null || !Ot.Ristretto.IsValidNonIdentity(fromPeer.S) || fromPeer.SeedCommitment is not { Length: 64 })
            return Dkls23Error.Blame(Dkls23Failure.MalformedMessage, secret.Peer, "Setup message 1 does not parse.").As<SetupRound2>();
        secret.PeerCommitment = fromPeer.SeedCommitment;
        RandomNumberGenerator.Fill(secret.Delta.Span);
        var r = BaseOt.Receive(InstanceSid(secret.KeySid, secret.Self, secret.Peer), fromPeer.S, secret.Delta.Span, secret.DeltaKeys.Span);
        secret.PeerS = fromPeer.S;
        secret.OwnR = r;
        return new SetupRound2(secret.Self, secret.Peer, r, secret.Seed.Span.ToArray(), secret.Salt);
    }

    /// <summary>
    /// Finish: open the peer's seed commitment, derive both base-OT keys from its R_ι, combine the
    /// zero seed. Failures name the peer. Consumes <paramref name="secret"/>.
    /// </summary>
    public static Result<PairState, Dkls23Error> Finish(SetupSecret secret, SetupRound2 fromPeer)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(fromPeer);
        using (secret)
        {
            var peer = secret.Peer;
            if (fromPeer.From != peer || fromPeer.To != secret.Self || secret.PeerCommitment is null || secret.PeerS is null || secret.OwnR is null)
                return Dkls23Error.Of(Dkls23Failure.WrongSession, "Setup message for another pair or out of order.").As<PairState>();
            if (fromPeer.Seed is not { Length: 32 } || fromPeer.Salt is not { Length: 32 } || fromPeer.R is null)
                return Dkls23Error.Blame(Dkls23Failure.MalformedMessage, peer, "Setup message 2 does not parse.").As<PairState>();
            if (!CryptographicOperations.FixedTimeEquals(SeedCommitment(secret.KeySid, peer, fromPeer.Seed, fromPeer.Salt), secret.PeerCommitment))
                return Dkls23Error.Blame(Dkls23Failure.CommitmentMismatch, peer, "Zero-share seed does not open its commitment.").As<PairState>();
            var k0 = SecretHandle.Allocate(BaseOt.Count * BaseOt.KeyBytes);
            var k1 = SecretHandle.Allocate(BaseOt.Count * BaseOt.KeyBytes);
            if (!BaseOt.SenderFinish(InstanceSid(secret.KeySid, peer, secret.Self), secret.Y, secret.S, fromPeer.R, k0.Span, k1.Span))
            {
                k0.Dispose();
                k1.Dispose();
                return Dkls23Error.Blame(Dkls23Failure.MalformedMessage, peer, "Base-OT answer has a bad count or element.").As<PairState>();
            }
            var zero = SecretHandle.Allocate(32);
            using (var o = new Oracle("setup/zero"))
            {
                var (lo, hi) = secret.Self < peer ? (secret.Seed.Span.ToArray(), fromPeer.Seed) : (fromPeer.Seed, secret.Seed.Span.ToArray());
                o.Add(secret.KeySid).Add(Math.Min(secret.Self.Value, peer.Value)).Add(Math.Max(secret.Self.Value, peer.Value)).Add(lo).Add(hi).Finish(zero.Span);
                CryptographicOperations.ZeroMemory(secret.Self < peer ? lo : hi);
            }
            var asAlice = new OtSenderSeeds(SecretHandle.CopyOf(secret.Delta.Span), SecretHandle.CopyOf(secret.DeltaKeys.Span));
            var asBob = new OtReceiverSeeds(k0, k1);
            var own = (secret.S, SeedCommitment(secret.KeySid, secret.Self, secret.Seed.Span, secret.Salt), secret.OwnR);
            var theirs = (secret.PeerS, secret.PeerCommitment, fromPeer.R);
            var transcript = secret.Self < peer ? TranscriptDigest(secret.KeySid, secret.Self, peer, own, theirs) : TranscriptDigest(secret.KeySid, peer, secret.Self, theirs, own);
            return new PairState(secret.Self, peer, asAlice, asBob, zero,
                InstanceSid(secret.KeySid, secret.Self, peer), InstanceSid(secret.KeySid, peer, secret.Self), transcript);
        }
    }

    /// <summary>
    /// H(key sid, lo, hi, and for lo then hi: S, seed commitment, R_ι): every public value of this one
    /// setup, equal at both sides exactly when both finished the same setup. The sids above are fixed
    /// per ordered pair, so they cannot tell two setups of one pair apart; this digest can, because S,
    /// R_ι and the commitments are fresh random values each time. Public (no seed, Δ or key enters it).
    /// </summary>
    private static byte[] TranscriptDigest(ReadOnlySpan<byte> keySid, ParticipantId lo, ParticipantId hi,
        (byte[] S, byte[] Commitment, byte[][] R) low, (byte[] S, byte[] Commitment, byte[][] R) high)
    {
        using var o = new Oracle("setup/transcript");
        o.Add(keySid).Add(lo.Value).Add(hi.Value);
        foreach (var side in new[] { low, high })
        {
            o.Add(side.S).Add(side.Commitment).Add(side.R.Length);
            foreach (var r in side.R) o.Add(r);
        }
        return o.Finish(32);
    }

    /// <summary>sid of the ordered instance (Alice, Bob) under the key's sid.</summary>
    internal static byte[] InstanceSid(ReadOnlySpan<byte> keySid, ParticipantId alice, ParticipantId bob)
    {
        using var o = new Oracle("setup/pair");
        return o.Add(keySid).Add(alice.Value).Add(bob.Value).Finish(32);
    }

    private static byte[] SeedCommitment(ReadOnlySpan<byte> keySid, ParticipantId from, ReadOnlySpan<byte> seed, ReadOnlySpan<byte> salt)
    {
        using var o = new Oracle("setup/seedcom");
        return o.Add(keySid).Add(from.Value).Add(seed).Add(salt).Finish(64);
    }
}
