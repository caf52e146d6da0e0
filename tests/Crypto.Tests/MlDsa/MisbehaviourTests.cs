using CcTsa.Crypto.MlDsa;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>A party that deviates is named: wrong openings, malformed reveals or responses, wrong participants, replays.</summary>
public sealed class MisbehaviourTests
{
    [Fact]
    public void Reveal_not_opening_the_commitment_names_its_sender()
    {
        using var h = new MlDsaHarness();
        var signers = h.Signers(1, 2, 4);
        var session = MlDsaHarness.Session(signers);
        var (states, _, reveals) = MlDsaHarness.FirstTwoRounds(signers, session);
        var tampered = reveals[1].Packed.ToArray();
        tampered[1000] ^= 0x04;
        reveals[1] = new Reveal(reveals[1].From, tampered);
        var r = Round3.Respond(states[0], reveals);
        Assert.Equal(MlDsaFailure.WrongCommitmentOpening, r.Error.Failure);
        Assert.Equal([MlDsaHarness.P(2)], r.Error.Culprits);
        Assert.True(states[0].IsConsumed);
    }

    [Fact]
    public void A_signers_own_reveal_altered_in_transit_is_still_checked_against_its_commitment()
    {
        // A signer skips hashing its own reveal only when the bytes are exactly what it committed to.
        using var h = new MlDsaHarness();
        var signers = h.Signers(1, 2, 4);
        var session = MlDsaHarness.Session(signers);
        var (states, _, reveals) = MlDsaHarness.FirstTwoRounds(signers, session);
        var tampered = reveals[0].Packed.ToArray();
        tampered[5000] ^= 0x01;
        reveals[0] = new Reveal(reveals[0].From, tampered);
        var r = Round3.Respond(states[0], reveals);
        Assert.Equal(MlDsaFailure.WrongCommitmentOpening, r.Error.Failure);
        Assert.Equal([MlDsaHarness.P(1)], r.Error.Culprits);
        foreach (var s in states) s.Dispose();
    }

    [Fact]
    public void Commitment_replayed_from_an_earlier_run_names_the_replayer()
    {
        using var h = new MlDsaHarness();
        var signers = h.Signers(2, 3, 5);
        var first = MlDsaHarness.Session(signers, run: 1);
        var (oldStates, oldCmts, oldReveals) = MlDsaHarness.FirstTwoRounds(signers, first);
        var second = first with { Run = 2 };
        var r1 = signers.Select(s => Round1.Commit(s, second)).ToArray();
        var cmts = r1.Select(r => r.Commitment).ToArray();
        cmts[2] = oldCmts[2]; // n5 replays its run-1 commitment and reveal
        var reveals = r1.Select(r => Round2.Reveal(r.State, cmts, MlDsaHarness.Message, []).Value).ToArray();
        reveals[2] = oldReveals[2];
        var result = Round3.Respond(r1[0].State, reveals);
        Assert.Equal(MlDsaFailure.WrongCommitmentOpening, result.Error.Failure);
        Assert.Equal([MlDsaHarness.P(5)], result.Error.Culprits);
        foreach (var s in oldStates.Concat(r1.Select(r => r.State))) s.Dispose();
    }

    [Fact]
    public void Malformed_z_names_its_sender()
    {
        using var h = new MlDsaHarness();
        var signers = h.Signers(1, 2, 3);
        var session = MlDsaHarness.Session(signers);
        var (states, _, reveals) = MlDsaHarness.FirstTwoRounds(signers, session);
        var responses = states.Select(s => Round3.Respond(s, reveals).Value).ToArray();
        var garbage = new byte[ThresholdParams.ResponseBytes];
        new Random(3).NextBytes(garbage);
        responses[2] = new Response(responses[2].From, responses[2].Accepted | 1, garbage);
        var r = Combine.Sign(h.PublicKey, session, MlDsaHarness.Message, [], reveals, responses);
        Assert.Equal(MlDsaFailure.MalformedResponse, r.Error.Failure);
        Assert.Equal([MlDsaHarness.P(3)], r.Error.Culprits);
    }

    [Fact]
    public void Nonzero_z_in_a_slot_marked_rejected_names_its_sender()
    {
        using var h = new MlDsaHarness();
        var signers = h.Signers(1, 2, 3);
        var session = MlDsaHarness.Session(signers);
        var (states, _, reveals) = MlDsaHarness.FirstTwoRounds(signers, session);
        var responses = states.Select(s => Round3.Respond(s, reveals).Value).ToArray();
        // Claim every slot rejected while keeping the z of the accepted ones.
        responses[1] = new Response(responses[1].From, 0, responses[1].Packed);
        var r = Combine.Sign(h.PublicKey, session, MlDsaHarness.Message, [], reveals, responses);
        Assert.Equal(MlDsaFailure.MalformedResponse, r.Error.Failure);
        Assert.Equal([MlDsaHarness.P(2)], r.Error.Culprits);
    }

    [Fact]
    public void Reveal_with_a_value_of_q_or_more_names_its_sender_at_the_combiner()
    {
        using var h = new MlDsaHarness();
        var signers = h.Signers(3, 4, 5);
        var session = MlDsaHarness.Session(signers);
        var (states, _, reveals) = MlDsaHarness.FirstTwoRounds(signers, session);
        var bad = reveals[0].Packed.ToArray();
        bad[0] = 0xFF; bad[1] = 0xFF; bad[2] |= 0x7F; // first 23-bit value = 2^23 − 1 ≥ q
        reveals[0] = new Reveal(reveals[0].From, bad);
        var r = Combine.Sign(h.PublicKey, session, MlDsaHarness.Message, [], reveals, []);
        Assert.Equal(MlDsaFailure.MalformedReveal, r.Error.Failure);
        Assert.Equal([MlDsaHarness.P(3)], r.Error.Culprits);
        foreach (var s in states) s.Dispose();
    }

    [Fact]
    public void Truncated_messages_and_wrong_participants_are_named()
    {
        using var h = new MlDsaHarness();
        var signers = h.Signers(1, 2, 3);
        var session = MlDsaHarness.Session(signers);
        var r1 = signers.Select(s => Round1.Commit(s, session)).ToArray();
        var cmts = r1.Select(r => r.Commitment).ToArray();

        var shortCmt = new[] { cmts[0], cmts[1], new Commitment(cmts[2].From, cmts[2].Hash[..31]) };
        var e1 = Round2.Reveal(r1[0].State, shortCmt, MlDsaHarness.Message, []).Error;
        Assert.Equal((MlDsaFailure.MalformedMessage, MlDsaHarness.P(3)), (e1.Failure, e1.Culprits.Single()));

        var outsider = new[] { cmts[0], cmts[1], new Commitment(MlDsaHarness.P(4), cmts[2].Hash) };
        var e2 = Round2.Reveal(r1[0].State, outsider, MlDsaHarness.Message, []).Error;
        Assert.Equal(MlDsaFailure.WrongParticipants, e2.Failure);
        Assert.Equal([MlDsaHarness.P(4)], e2.Culprits);

        var missing = Round2.Reveal(r1[0].State, cmts[..2], MlDsaHarness.Message, []).Error;
        Assert.Equal([MlDsaHarness.P(3)], missing.Culprits);

        var reveals = r1.Select(r => Round2.Reveal(r.State, cmts, MlDsaHarness.Message, []).Value).ToArray();
        reveals[1] = new Reveal(reveals[1].From, reveals[1].Packed[..^1]);
        var e3 = Round3.Respond(r1[0].State, reveals).Error;
        Assert.Equal((MlDsaFailure.MalformedMessage, MlDsaHarness.P(2)), (e3.Failure, e3.Culprits.Single()));
        foreach (var r in r1) r.State.Dispose();
    }

    [Fact]
    public void A_party_outside_the_signer_set_refuses_to_commit()
    {
        using var h = new MlDsaHarness();
        var session = MlDsaHarness.Session(h.Signers(1, 2, 3));
        Assert.Throws<ArgumentException>(() => Round1.Commit(h.Shares[4], session));
    }

    [Fact]
    public void A_second_response_from_the_same_nonces_is_refused()
    {
        using var h = new MlDsaHarness();
        var signers = h.Signers(1, 4, 5);
        var (states, _, reveals) = MlDsaHarness.FirstTwoRounds(signers, MlDsaHarness.Session(signers));
        Assert.True(Round3.Respond(states[0], reveals).IsOk);
        Assert.Throws<ObjectDisposedException>(() => Round3.Respond(states[0], reveals));
        Assert.Equal("Round1State(p1, run 1, [redacted])", states[0].ToString());
        foreach (var s in states) s.Dispose();
    }
}
