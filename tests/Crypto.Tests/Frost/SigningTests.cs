using System.Text;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Tests.Vectors;

namespace CcTsa.Crypto.Tests.Frost;

public class SigningTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("tstinfo");

    [Fact]
    public void Sign_three_of_five_verifies_as_plain_ed25519()
    {
        using var g = FrostHarness.Dkg(3, 5);
        var ids = FrostHarness.Ids(5);
        var sig = FrostHarness.Sign([g.Keys[ids[0]], g.Keys[ids[2]], g.Keys[ids[4]]], g.PublicKeys, Message).Value;
        Assert.True(IndependentVerifier.Verify(g.PublicKeys.VerifyingKey, Message, sig.ToArray()));
        Assert.False(IndependentVerifier.Verify(g.PublicKeys.VerifyingKey, Encoding.UTF8.GetBytes("other"), sig.ToArray()));
    }

    [Fact]
    public void Aggregate_with_tampered_share_names_the_signer()
    {
        using var g = FrostHarness.Dkg(3, 5);
        var signers = FrostHarness.Ids(5).Take(3).Select(i => g.Keys[i]).ToList();
        var nonces = signers.Select(Round1.Commit).ToList();
        var package = SigningPackage.Create(nonces.Select(n => n.Commitments), Message).Value;
        var shares = signers.Select((k, i) => Round2.Sign(package, nonces[i], k).Value).ToList();
        shares[1] = shares[1] with { Share = shares[1].Share + shares[0].Share };
        var error = Aggregate.Combine(package, shares, g.PublicKeys).Error;
        Assert.Equal(FrostFailure.InvalidSignatureShare, error.Failure);
        Assert.Equal([signers[1].Identifier], error.Culprits);
        Assert.False(Aggregate.VerifyShare(shares[1], package, g.PublicKeys));
        Assert.True(Aggregate.VerifyShare(shares[0], package, g.PublicKeys));
    }

    [Fact]
    public void Sign_with_fewer_than_t_signers_is_refused()
    {
        using var g = FrostHarness.Dkg(3, 5);
        var error = FrostHarness.Sign(FrostHarness.Ids(2).Select(i => g.Keys[i]), g.PublicKeys, Message).Error;
        Assert.Equal(FrostFailure.IncorrectNumberOfParticipants, error.Failure);
    }

    [Fact]
    public void Sign_with_nonces_not_in_package_is_refused_and_nonces_are_consumed()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var ids = FrostHarness.Ids(3);
        var mine = Round1.Commit(g.Keys[ids[0]]);
        var other = Round1.Commit(g.Keys[ids[0]]);
        var package = SigningPackage.Create([other.Commitments, Round1.Commit(g.Keys[ids[1]]).Commitments], Message).Value;
        Assert.Equal(FrostFailure.MissingOrMismatchedCommitment, Round2.Sign(package, mine, g.Keys[ids[0]]).Error.Failure);
        Assert.True(mine.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => Round2.Sign(package, mine, g.Keys[ids[0]]));
    }

    [Fact]
    public void Aggregate_with_missing_share_names_the_silent_signer()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var signers = FrostHarness.Ids(3).Select(i => g.Keys[i]).ToList();
        var nonces = signers.Select(Round1.Commit).ToList();
        var package = SigningPackage.Create(nonces.Select(n => n.Commitments), Message).Value;
        var shares = signers.Take(2).Select((k, i) => Round2.Sign(package, nonces[i], k).Value).ToList();
        var error = Aggregate.Combine(package, shares, g.PublicKeys).Error;
        Assert.Equal([signers[2].Identifier], error.Culprits);
    }

    [Fact]
    public void SigningPackage_with_duplicate_signer_is_refused()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var k = g.Keys[FrostHarness.Ids(1)[0]];
        var error = SigningPackage.Create([Round1.Commit(k).Commitments, Round1.Commit(k).Commitments], Message).Error;
        Assert.Equal(FrostFailure.DuplicateParticipant, error.Failure);
        Assert.Equal([k.Identifier], error.Culprits);
    }

    [Fact]
    public void Secret_types_print_redacted()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var k = g.Keys[FrostHarness.Ids(1)[0]];
        using var n = Round1.Commit(k);
        Assert.Contains("[redacted]", k.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", n.ToString(), StringComparison.Ordinal);
        Assert.Equal("Scalar([redacted])", k.SigningShare.ToString());
    }
}
