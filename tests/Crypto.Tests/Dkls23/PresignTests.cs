using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// Protocol 3.6 split into presigning (rounds 1–2 and checks C0–C6, message independent) and one
/// online message per party: seeded loops over fresh DKGs of several (t, n), random t-subsets and
/// digests; signatures verify with .NET's ECDsa; reuse, short sets and deviations are refused.
/// </summary>
public class PresignTests : IClassFixture<SigningTests.Keys35>
{
    private readonly Dkls23Harness _h;
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public PresignTests(SigningTests.Keys35 keys, Xunit.Abstractions.ITestOutputHelper output)
    {
        _h = keys.H;
        _output = output;
    }

    private static ParticipantId P(int i) => ParticipantId.FromIndex(i);

    private static readonly ParticipantId[] S245 = [P(2), P(4), P(5)];

    private static byte[] Digest() => SHA384.HashData(RandomNumberGenerator.GetBytes(64));

    private static Result<EcdsaSignature, Dkls23Error> Online(Dkls23Harness h, Presignature[] presignatures, byte[] digest) =>
        Combine.Run(h.Keys[0].PublicKey, [.. presignatures.Select(p => p.Sign(digest).Value)], digest);

    [Theory]
    [InlineData(2, 3, 11)]
    [InlineData(3, 5, 12)]
    [InlineData(2, 5, 13)]
    [InlineData(4, 5, 14)]
    public void Random_dkgs_and_random_t_subsets_sign_through_presignatures(int t, int n, int seed)
    {
        var random = new Random(seed);
        using var h = Dkls23Harness.Create(t, n);
        for (var round = 0; round < 3; round++)
        {
            var signers = Dkls23Harness.Ids(n).OrderBy(_ => random.Next()).Take(t).ToArray();
            var (presignatures, errors) = h.Presign(signers);
            Assert.Empty(errors);
            Assert.All(presignatures!, p => Assert.Equal(presignatures![0].NoncePoint, p.NoncePoint));
            var digest = Digest();
            var sig = Online(h, presignatures!, digest);
            Assert.True(sig.IsOk, sig.IsOk ? "" : sig.Error.ToString());
            Assert.True(DotNetEcdsa.Verifies(h.Keys[0].PublicKey, digest, sig.Value));
            // one signer fewer than t never starts
            Assert.All(h.Presign(signers[1..]).Errors, e => Assert.Equal(Dkls23Failure.InvalidSignerSet, e.Failure));
        }
    }

    [Fact]
    public void The_online_nonce_is_rerandomised_by_the_message()
    {
        var (presignatures, _) = _h.Presign(S245);
        var digest = Digest();
        var partials = presignatures!.Select(p => p.Sign(digest).Value).ToArray();
        // R' = R + H(sid, sigid, R, PK, m)·G ≠ R: an R learnt before m was chosen is not the signature's nonce
        Assert.NotEqual(presignatures![0].NoncePoint.ToArray(), partials[0].Nonce);
        Assert.True(DotNetEcdsa.Verifies(_h.Keys[0].PublicKey, digest, Combine.Run(_h.Keys[0].PublicKey, partials, digest).Value));
    }

    [Fact]
    public void A_presignature_answers_one_digest_only()
    {
        var (presignatures, _) = _h.Presign(S245);
        var first = presignatures![0].Sign(Digest());
        Assert.True(first.IsOk);
        Assert.True(presignatures[0].IsConsumed);
        Assert.Equal(Dkls23Failure.SessionConsumed, presignatures[0].Sign(Digest()).Error.Failure);
        presignatures[1].Dispose();                       // wiped (e.g. epoch discarded) before use
        Assert.Equal(Dkls23Failure.SessionConsumed, presignatures[1].Sign(Digest()).Error.Failure);
        Assert.DoesNotContain("00", presignatures[2].ToString()[^10..], StringComparison.Ordinal);
        Assert.Contains("[redacted]", presignatures[2].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sigid_yields_one_presignature_per_party()
    {
        var sigid = RandomNumberGenerator.GetBytes(32);
        Assert.Empty(_h.Presign(S245, sigid: sigid).Errors);
        var again = _h.Presign(S245, sigid: sigid);
        Assert.All(again.Errors, e => Assert.Equal(Dkls23Failure.SessionConsumed, e.Failure));
    }

    [Fact]
    public void Deviations_in_presigning_name_the_deviating_party()
    {
        var flipped = _h.Presign(S245, r1: m =>
        {
            if (m.From != P(4) || m.To != P(2)) return m;
            var u = (byte[])m.Ote.U.Clone();
            for (var i = 0; i < 128; i += 2) u[(i * 96) + 3] ^= 1;
            return m with { Ote = m.Ote with { U = u } };
        });
        Assert.Equal([P(4)], Assert.Single(flipped.Errors).Culprits);
        var other = P384Point.MulBase(P384Scalar.Random()).Encode();
        var wrongCommit = _h.Presign(S245, r2: m => m.From == P(5) && m.To == P(4) ? m with { Nonce = other } : m);
        Assert.Equal((Dkls23Failure.CommitmentMismatch, P(5)), (Assert.Single(wrongCommit.Errors).Failure, wrongCommit.Errors[0].Culprits[0]));
        var wrongShare = _h.Presign(S245, r2: m => m.From == P(2) && m.To == P(5) ? m with { GammaV = other } : m);
        Assert.Equal((Dkls23Failure.KeyShareConsistencyFailed, P(2)), (Assert.Single(wrongShare.Errors).Failure, wrongShare.Errors[0].Culprits[0]));
    }

    [Fact]
    public void A_bad_online_message_fails_verification_before_any_signature_is_returned()
    {
        var (presignatures, _) = _h.Presign(S245);
        var digest = Digest();
        var partials = presignatures!.Select(p => p.Sign(digest).Value).ToArray();
        partials[1] = partials[1] with { U = P384Scalar.Random().ToArray() };
        // (u_i, w_i) are not publicly checkable (DKLs23 has no identifiable abort here): the signature
        // check refuses it, and the caller retries with a subset that leaves the suspects out
        Assert.Equal(Dkls23Failure.InvalidSignature, Combine.Run(_h.Keys[0].PublicKey, partials, digest).Error.Failure);
        var stale = presignatures!.Select(p => p.Sign(digest)).ToArray();
        Assert.All(stale, s => Assert.Equal(Dkls23Failure.SessionConsumed, s.Error.Failure));
    }

    [Fact]
    public void Wire_encodings_round_trip_and_reject_wrong_sizes()
    {
        var sigid = RandomNumberGenerator.GetBytes(32);
        var s1 = S245.Select(i => SignRound1.Run(_h.Keys[i.Value - 1], _h.Pairs[i], S245, sigid).Value).ToArray();
        var m1 = s1[0].ToPeers[0];
        var d1 = SignWire.DecodeRound1(m1.From, m1.To, SignWire.Encode(m1))!;
        Assert.Equal([.. m1.PairTag, .. m1.Ote.U, .. m1.Ote.X, .. m1.Ote.Z], (byte[])[.. d1.PairTag, .. d1.Ote.U, .. d1.Ote.X, .. d1.Ote.Z]);
        Assert.Null(SignWire.DecodeRound1(m1.From, m1.To, new byte[10]));
        var b = s1.Select(x => x.Broadcast).ToArray();
        var p = s1.SelectMany(x => x.ToPeers).Select(m => SignWire.DecodeRound1(m.From, m.To, SignWire.Encode(m))!).ToArray();
        var s2 = s1.Select(x => SignRound2.Run(x.Session, [.. b.Where(m => m.From != x.Session.Self)], [.. p.Where(m => m.To == x.Session.Self)]).Value).ToArray();
        var q = s2.SelectMany(x => x).Select(m => SignWire.DecodeRound2(m.From, m.To, SignWire.Encode(m))!).ToArray();
        Assert.Null(SignWire.DecodeRound2(P(2), P(4), SignWire.Encode(q[0])[1..]));
        var pre = s1.Select(x => Presign.Finish(x.Session, [.. q.Where(m => m.To == x.Session.Self)]).Value).ToArray();
        var digest = Digest();
        Assert.True(DotNetEcdsa.Verifies(_h.Keys[0].PublicKey, digest, Online(_h, pre, digest).Value));
    }

    [Fact]
    public void Figures_in_process_presigning_and_online_cost()
    {
        const int k = 8;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var made = Enumerable.Range(0, k).Select(_ => _h.Presign(S245).Presignatures!).ToArray();
        var presign = clock.Elapsed;
        clock.Restart();
        foreach (var p in made)
        {
            var digest = Digest();
            Assert.True(Online(_h, p, digest).IsOk);
        }
        _output.WriteLine($"3 parties in one process: {k / presign.TotalSeconds:0.0} presignatures/s; online (3 partials + combine + verify) {clock.Elapsed.TotalMilliseconds / k:0.0} ms");
    }
}
