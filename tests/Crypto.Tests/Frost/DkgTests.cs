using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Frost;

public class DkgTests
{
    [Fact]
    public void Dkg_all_participants_agree_and_verifying_shares_match_secrets()
    {
        using var g = FrostHarness.Dkg(3, 5);
        foreach (var (id, key) in g.Keys)
        {
            Assert.Equal(g.PublicKeys.VerifyingShares[id], key.SigningShare.ToPoint());
            Assert.Equal(g.PublicKeys.VerifyingKey, key.VerifyingKey);
        }
    }

    [Fact]
    public void Dkg_part3_with_bad_share_names_the_sender_and_produces_no_key()
    {
        var ids = FrostHarness.Ids(3);
        var r1 = ids.Select(i => Dealerless.Part1(i, 3, 2)).ToList();
        var r2 = ids.Select((i, x) => Dealerless.Part2(r1[x].Secret, r1.Where((_, y) => y != x).Select(p => p.Broadcast).ToList()).Value).ToList();
        var inbox = r2.Skip(1).Select(r => r.Outgoing.Single(p => p.Recipient == ids[0])).ToList();
        using var bogus = Scalar.Random();
        inbox[1] = new Round2Package(ids[2], ids[0], bogus.Clone());
        var error = Dealerless.Part3(r2[0].Secret, r1.Skip(1).Select(p => p.Broadcast).ToList(), inbox).Error;
        Assert.Equal(FrostFailure.InvalidSecretShare, error.Failure);
        Assert.Equal([ids[2]], error.Culprits);
    }

    [Fact]
    public void Dkg_part2_with_bad_proof_of_knowledge_names_the_sender()
    {
        var ids = FrostHarness.Ids(3);
        var r1 = ids.Select(i => Dealerless.Part1(i, 3, 2)).ToList();
        var forged = r1[1].Broadcast with { ProofOfKnowledge = r1[2].Broadcast.ProofOfKnowledge };
        var error = Dealerless.Part2(r1[0].Secret, [forged, r1[2].Broadcast]).Error;
        Assert.Equal(FrostFailure.InvalidProofOfKnowledge, error.Failure);
        Assert.Equal([ids[1]], error.Culprits);
    }

    [Fact]
    public void Dkg_part2_with_missing_or_duplicate_packages_is_refused()
    {
        var ids = FrostHarness.Ids(3);
        var r1 = ids.Select(i => Dealerless.Part1(i, 3, 2)).ToList();
        Assert.Equal(FrostFailure.IncorrectNumberOfParticipants, Dealerless.Part2(r1[0].Secret, [r1[1].Broadcast]).Error.Failure);
        Assert.Equal(FrostFailure.DuplicateParticipant, Dealerless.Part2(r1[0].Secret, [r1[1].Broadcast, r1[1].Broadcast]).Error.Failure);
        Assert.Equal(FrostFailure.UnknownParticipant, Dealerless.Part2(r1[0].Secret, [r1[0].Broadcast, r1[1].Broadcast]).Error.Failure);
    }

    [Fact]
    public void Dkg_part2_with_wrong_degree_commitment_names_the_sender()
    {
        var ids = FrostHarness.Ids(3);
        var r1 = ids.Select(i => Dealerless.Part1(i, 3, 2)).ToList();
        var big = Dealerless.Part1(ids[2], 3, 3).Broadcast;
        var error = Dealerless.Part2(r1[0].Secret, [r1[1].Broadcast, big]).Error;
        Assert.Equal(FrostFailure.InvalidCommitment, error.Failure);
        Assert.Equal([ids[2]], error.Culprits);
    }

    [Fact]
    public void Dkg_with_invalid_threshold_throws_for_the_caller_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Dealerless.Part1(ParticipantId.FromIndex(1), 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dealerless.Part1(ParticipantId.FromIndex(1), 2, 3));
    }
}
