using System.Text;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Tests.Vectors;

namespace CcTsa.Crypto.Tests.Frost;

public class RepairRefreshTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("after recovery");

    [Fact]
    public void Repair_rebuilds_the_lost_share_which_then_signs()
    {
        using var g = FrostHarness.Dkg(3, 5);
        var ids = FrostHarness.Ids(5);
        using var repaired = FrostHarness.Repair(g, [ids[0], ids[1], ids[3]], ids[4]);
        Assert.True(repaired.SigningShare.SecretEquals(g.Keys[ids[4]].SigningShare));
        var sig = FrostHarness.Sign([repaired, g.Keys[ids[2]], g.Keys[ids[1]]], g.PublicKeys, Message).Value;
        Assert.True(IndependentVerifier.Verify(g.PublicKeys.VerifyingKey, Message, sig.ToArray()));
    }

    [Fact]
    public void Repair_with_fewer_than_t_helpers_is_refused()
    {
        using var g = FrostHarness.Dkg(3, 5);
        var ids = FrostHarness.Ids(5);
        var error = Repair.Part1([ids[0], ids[1]], g.Keys[ids[0]], ids[4]).Error;
        Assert.Equal(FrostFailure.IncorrectNumberOfParticipants, error.Failure);
        Assert.Equal(FrostFailure.UnknownParticipant, Repair.Part1([ids[0], ids[1], ids[4]], g.Keys[ids[0]], ids[4]).Error.Failure);
    }

    [Fact]
    public void Repair_part3_with_corrupt_sigma_is_refused()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var ids = FrostHarness.Ids(3);
        var helpers = new[] { ids[0], ids[1] };
        var deltas = helpers.SelectMany(h => Repair.Part1(helpers, g.Keys[h], ids[2]).Value).ToList();
        var sigmas = helpers.Select(h => Repair.Part2(deltas.Where(d => d.Recipient == h).ToList(), h, helpers).Value).ToList();
        sigmas[0] = new RepairSigma(ids[0], ids[2], CcTsa.Crypto.Ed25519.Scalar.Random());
        Assert.Equal(FrostFailure.VerifyingShareMismatch, Repair.Part3(sigmas, ids[2], g.PublicKeys).Error.Failure);
    }

    [Fact]
    public void Refresh_keeps_the_group_key_and_changes_every_share()
    {
        using var g = FrostHarness.Dkg(3, 5);
        using var r = FrostHarness.Refresh(g);
        var ids = FrostHarness.Ids(5);
        Assert.Equal(g.PublicKeys.VerifyingKey, r.PublicKeys.VerifyingKey);
        foreach (var id in ids) Assert.False(r.Keys[id].SigningShare.SecretEquals(g.Keys[id].SigningShare));
        var sig = FrostHarness.Sign([r.Keys[ids[1]], r.Keys[ids[2]], r.Keys[ids[4]]], r.PublicKeys, Message).Value;
        Assert.True(IndependentVerifier.Verify(g.PublicKeys.VerifyingKey, Message, sig.ToArray()));
    }

    [Fact]
    public void Refresh_mixing_old_and_new_shares_does_not_sign()
    {
        using var g = FrostHarness.Dkg(3, 5);
        using var r = FrostHarness.Refresh(g);
        var ids = FrostHarness.Ids(5);
        var mixed = FrostHarness.Sign([g.Keys[ids[0]], r.Keys[ids[1]], r.Keys[ids[2]]], r.PublicKeys, Message);
        Assert.Equal(FrostFailure.InvalidSignatureShare, mixed.Error.Failure);
        Assert.Equal([ids[0]], mixed.Error.Culprits);
        var oldOnly = FrostHarness.Sign([g.Keys[ids[0]], r.Keys[ids[1]], r.Keys[ids[2]]], g.PublicKeys, Message);
        Assert.False(oldOnly.IsOk);
    }
}
