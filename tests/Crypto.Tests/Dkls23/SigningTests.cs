using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>DKLs23 Protocol 3.6 end to end: a DKG key, pairwise setups, t signers → a standard ECDSA P-384 signature.</summary>
public class SigningTests : IClassFixture<SigningTests.Keys35>
{
    /// <summary>One 3-of-5 DKG and all 10 pairwise setups, shared by the tests of this class.</summary>
    public sealed class Keys35 : IDisposable
    {
        internal Dkls23Harness H { get; } = Dkls23Harness.Create(3, 5);
        public void Dispose() => H.Dispose();
    }

    private readonly Dkls23Harness _h;

    public SigningTests(Keys35 keys) => _h = keys.H;

    private static ParticipantId P(int i) => ParticipantId.FromIndex(i);

    private static readonly ParticipantId[] S135 = [P(1), P(3), P(5)];

    private static byte[] Digest() => SHA384.HashData(RandomNumberGenerator.GetBytes(64));

    [Property(MaxTest = 6)]
    public Property Random_t_subsets_of_a_3_of_5_key_sign_random_messages(byte[] message)
    {
        var subsets = Gen.Choose(3, 5).SelectMany(k => Gen.Shuffle(Dkls23Harness.Ids(5)).Select(a => a.Take(k).ToArray()));
        return Prop.ForAll(subsets.ToArbitrary(), signers =>
        {
            var digest = SHA384.HashData(message ?? []);
            var (sig, errors) = _h.Sign(signers, digest);
            Assert.Empty(errors);
            Assert.True(DotNetEcdsa.Verifies(_h.Keys[0].PublicKey, digest, sig!));
        });
    }

    [Property(MaxTest = 4)]
    public Property Fresh_random_dkg_and_random_t_subset_sign(byte[] message)
    {
        var shapes = Gen.Elements((2, 3), (3, 5), (2, 5), (3, 4));
        var cases = shapes.SelectMany(tn => Gen.Shuffle(Dkls23Harness.Ids(tn.Item2)).Select(ids => (tn.Item1, tn.Item2, ids[..tn.Item1])));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var h = Dkls23Harness.Create(c.Item1, c.Item2);
            var digest = SHA384.HashData(message ?? []);
            var (sig, errors) = h.Sign(c.Item3, digest);
            Assert.Empty(errors);
            Assert.True(DotNetEcdsa.Verifies(h.Keys[0].PublicKey, digest, sig!));
            // one signer fewer than t is refused before anything is computed
            Assert.Equal(Dkls23Failure.InvalidSignerSet, h.Sign(c.Item3[1..], digest).Errors[0].Failure);
        });
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 4)]
    public void Fresh_dkg_then_every_t_subset_signs(int t, int n)
    {
        using var h = Dkls23Harness.Create(t, n);
        var ids = Dkls23Harness.Ids(n);
        foreach (var subset in Subsets(ids, t))
        {
            var digest = Digest();
            var (sig, errors) = h.Sign(subset, digest);
            Assert.Empty(errors);
            Assert.True(DotNetEcdsa.Verifies(h.Keys[0].PublicKey, digest, sig!));
            digest[5] ^= 1;
            Assert.False(DotNetEcdsa.Verifies(h.Keys[0].PublicKey, digest, sig!));
        }
    }

    private static IEnumerable<ParticipantId[]> Subsets(ParticipantId[] ids, int t) =>
        t == 0 ? [[]] : ids.SelectMany((x, i) => Subsets(ids[(i + 1)..], t - 1).Select(r => (ParticipantId[])[x, .. r]));

    [Fact]
    public void Fewer_than_t_signers_are_refused_before_round_1()
    {
        var (sig, errors) = _h.Sign([P(2), P(4)], Digest());
        Assert.Null(sig);
        Assert.All(errors, e => Assert.Equal(Dkls23Failure.InvalidSignerSet, e.Failure));
        Assert.Equal(2, errors.Count);
        var dup = SignRound1.Run(_h.Keys[0], _h.Pairs[P(1)], [P(1), P(1), P(2)], RandomNumberGenerator.GetBytes(32));
        Assert.Equal(Dkls23Failure.InvalidSignerSet, dup.Error.Failure);
    }

    [Fact]
    public void Two_parties_pretending_t_is_2_produce_no_signature()
    {
        // Shares of a degree-2 polynomial relabelled as a 2-of-5 key: the API lets them run, but
        // Σ pk_j ≠ PK (C6) stops both before any partial signature exists.
        KeyShare Relabel(ParticipantId _, KeyShare k) =>
            new(k.Self, 2, k.Participants, k.Share, k.PublicShares, k.PublicKey, k.Sid);
        var (sig, errors) = _h.Sign([P(2), P(4)], Digest(), keyOf: Relabel);
        Assert.Null(sig);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(Dkls23Failure.PublicKeyMismatch, e.Failure));
    }

    [Fact]
    public void Bad_ot_correlation_is_caught_by_alice_and_names_bob()
    {
        var (sig, errors) = _h.Sign(S135, Digest(), r1: m =>
        {
            if (m.From != P(3) || m.To != P(5)) return m;
            var u = (byte[])m.Ote.U.Clone();
            for (var i = 0; i < 128; i += 2) u[(i * 96) + 10] ^= 4;   // inconsistent choice bit in half the rows
            return m with { Ote = m.Ote with { U = u } };
        });
        Assert.Null(sig);
        var e = Assert.Single(errors);
        Assert.Equal(Dkls23Failure.OtExtensionCheckFailed, e.Failure);
        Assert.Equal([P(3)], e.Culprits);
    }

    [Fact]
    public void Tampered_multiplication_message_names_alice()
    {
        var (sig, errors) = _h.Sign(S135, Digest(), r2: m =>
        {
            if (m.From != P(5) || m.To != P(1)) return m;
            var at = m.Rvole.ATilde.Select(r => (P384Scalar[])r.Clone()).ToArray();
            at[100][1] += P384Scalar.One;
            return m with { Rvole = m.Rvole with { ATilde = at } };
        });
        Assert.Null(sig);
        var e = Assert.Single(errors);
        Assert.Equal(Dkls23Failure.MultiplicationCheckFailed, e.Failure);
        Assert.Equal([P(5)], e.Culprits);
    }

    [Fact]
    public void A_decommitment_to_another_nonce_names_the_sender()
    {
        var other = P384Point.MulBase(P384Scalar.Random()).Encode();
        var (sig, errors) = _h.Sign(S135, Digest(), r2: m => m.From == P(1) && m.To == P(3) ? m with { Nonce = other } : m);
        Assert.Null(sig);
        var e = Assert.Single(errors);
        Assert.Equal(Dkls23Failure.CommitmentMismatch, e.Failure);
        Assert.Equal([P(1)], e.Culprits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_multiplication_inconsistent_with_r_or_pk_names_the_sender(bool nonceSide)
    {
        var other = P384Point.MulBase(P384Scalar.Random()).Encode();
        var (sig, errors) = _h.Sign(S135, Digest(), r2: m =>
            m.From != P(3) || m.To != P(5) ? m : nonceSide ? m with { GammaU = other } : m with { GammaV = other });
        Assert.Null(sig);
        var e = Assert.Single(errors);
        Assert.Equal(nonceSide ? Dkls23Failure.NonceConsistencyFailed : Dkls23Failure.KeyShareConsistencyFailed, e.Failure);
        Assert.Equal([P(3)], e.Culprits);
    }

    [Fact]
    public void A_party_signing_with_a_wrong_key_share_yields_no_signature()
    {
        KeyShare Wrong(ParticipantId id, KeyShare k) =>
            id != P(3) ? k : new KeyShare(k.Self, k.Threshold, k.Participants, k.Share + P384Scalar.One, k.PublicShares, k.PublicKey, k.Sid);
        var (sig, errors) = _h.Sign(S135, Digest(), keyOf: Wrong);
        Assert.Null(sig);
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Equal(Dkls23Failure.PublicKeyMismatch, e.Failure));
    }

    [Fact]
    public void An_equivocated_commitment_broadcast_is_caught_by_the_echo()
    {
        var (sig, errors) = _h.Sign(S135, Digest(), r2: m => m.From == P(1) && m.To == P(5) ? m with { Echo = new byte[32] } : m);
        Assert.Null(sig);
        Assert.Equal(Dkls23Failure.EchoMismatch, Assert.Single(errors).Failure);
    }

    [Fact]
    public void A_bad_partial_signature_fails_the_final_verification()
    {
        var (sig, errors) = _h.Sign(S135, Digest(), r3: p => p.From == P(5) ? p with { W = P384Scalar.Random().ToArray() } : p);
        Assert.Null(sig);
        Assert.Equal(Dkls23Failure.InvalidSignature, Assert.Single(errors).Failure);
    }

    [Fact]
    public void A_session_is_used_once()
    {
        var sigid = RandomNumberGenerator.GetBytes(32);
        var ids = S135;
        var s1 = ids.Select(i => SignRound1.Run(_h.Keys[i.Value - 1], _h.Pairs[i], ids, sigid).Value).ToArray();
        var b = s1.Select(x => x.Broadcast).ToArray();
        var p = s1.SelectMany(x => x.ToPeers).ToArray();
        var s2 = s1.Select(x => SignRound2.Run(x.Session, [.. b.Where(m => m.From != x.Session.Self)], [.. p.Where(m => m.To == x.Session.Self)]).Value).ToArray();
        var again = SignRound2.Run(s1[0].Session, [.. b.Where(m => m.From != P(1))], [.. p.Where(m => m.To == P(1))]);
        Assert.Equal(Dkls23Failure.SessionConsumed, again.Error.Failure);
        var q = s2.SelectMany(x => x).ToArray();
        var digest = Digest();
        var first = SignRound3.Run(s1[0].Session, digest, [.. q.Where(m => m.To == P(1))]);
        Assert.True(first.IsOk);
        var second = SignRound3.Run(s1[0].Session, Digest(), [.. q.Where(m => m.To == P(1))]);
        Assert.Equal(Dkls23Failure.SessionConsumed, second.Error.Failure);
        // the same sigid cannot start a second session (reused presignature / replayed round 1)
        var replay = SignRound1.Run(_h.Keys[0], _h.Pairs[P(1)], ids, sigid);
        Assert.Equal(Dkls23Failure.SessionConsumed, replay.Error.Failure);
    }
}
