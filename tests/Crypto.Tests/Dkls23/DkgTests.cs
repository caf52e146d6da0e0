using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>The P-384 Feldman DKG: consistent outputs, and a deviating dealer is named.</summary>
public class DkgTests
{
    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    public void Dkg_outputs_agree_and_any_t_shares_interpolate_the_key(int t, int n)
    {
        var keys = Dkls23Harness.RunDkg(t, n);
        try
        {
            Assert.All(keys, k => Assert.Equal(keys[0].PublicKey, k.PublicKey));
            Assert.All(keys, k => Assert.Equal(keys[0].Sid, k.Sid));
            foreach (var k in keys)
                using (var xi = P384Point.MulBase(k.Share)) Assert.Equal(k.PublicShares[k.Self], xi);
            // test only: interpolate x from the first t shares and compare with PK
            var set = keys.Take(t).Select(k => k.Self).ToArray();
            var x = keys.Take(t).Aggregate(P384Scalar.Zero, (acc, k) => acc + (CcTsa.Crypto.Dkls23.Sign.SignRound2.Lagrange(k.Self, set) * k.Share));
            using var pk = P384Point.MulBase(x);
            Assert.Equal(keys[0].PublicKey, pk);
        }
        finally
        {
            foreach (var k in keys) k.Dispose();
        }
    }

    [Fact]
    public void A_wrong_share_is_a_complaint_naming_the_dealer()
    {
        var dealer = ParticipantId.FromIndex(2);
        var victim = ParticipantId.FromIndex(4);
        var results = Dkls23Harness.TryDkg(3, 5, m => m.From == dealer && m.To == victim ? new DkgRound2(m.From, m.To, m.Share + P384Scalar.One) : m);
        var err = results[3];
        Assert.False(err.IsOk);
        Assert.Equal(Dkls23Failure.InvalidSecretShare, err.Error.Failure);
        Assert.Equal([dealer], err.Error.Culprits);
        Assert.True(results[0].IsOk);
    }

    [Fact]
    public void A_bad_proof_of_knowledge_or_commitment_length_names_the_sender()
    {
        var bad = ParticipantId.FromIndex(3);
        var pok = Dkls23Harness.TryDkg(3, 5, tamperR1: m => m.From == bad ? m with { ProofZ = P384Scalar.Random().ToArray() } : m);
        Assert.Equal(Dkls23Failure.InvalidProofOfKnowledge, pok[0].Error.Failure);
        Assert.Equal([bad], pok[0].Error.Culprits);
        var shortVector = Dkls23Harness.TryDkg(3, 5, tamperR1: m => m.From == bad ? m with { Commitments = m.Commitments[..2] } : m);
        Assert.Equal(Dkls23Failure.InvalidCommitment, shortVector[0].Error.Failure);
        Assert.Equal([bad], shortVector[0].Error.Culprits);
    }
}

/// <summary>The DKG confirmation round and redaction of secret-bearing types.</summary>
public class DkgConfirmTests
{
    [Fact]
    public void Confirmation_accepts_equal_outputs_and_refuses_a_diverging_one()
    {
        var keys = Dkls23Harness.RunDkg(2, 3);
        try
        {
            var digests = keys.ToDictionary(k => k.Self, DkgConfirm.Digest);
            foreach (var k in keys)
                Assert.True(DkgConfirm.Check(k, digests.Where(d => d.Key != k.Self).ToDictionary()).IsOk);
            var tampered = digests.Where(d => d.Key != keys[0].Self).ToDictionary();
            tampered[keys[2].Self] = new byte[32];
            var r = DkgConfirm.Check(keys[0], tampered);
            Assert.Equal(Dkls23Failure.TranscriptMismatch, r.Error.Failure);
            Assert.False(DkgConfirm.Check(keys[0], tampered.Take(1).ToDictionary()).IsOk);
        }
        finally
        {
            foreach (var k in keys) k.Dispose();
        }
    }

    [Fact]
    public void Secret_bearing_types_print_no_secret()
    {
        var keys = Dkls23Harness.RunDkg(2, 3);
        var share = keys[0].Share;
        var hex = Convert.ToHexString(share.ToArray());
        Assert.DoesNotContain(hex, keys[0].ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("P384Scalar([redacted])", share.ToString());
        Assert.Contains("redacted", keys[0].ToString(), StringComparison.Ordinal);
        foreach (var k in keys) k.Dispose();
    }
}
