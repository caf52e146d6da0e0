using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// The pair tag of a round-1 message (issue 15): two sides of one pair holding states of different
/// setups are told apart from a Bob who cheats in the OT extension, before any OT row is used, so
/// the first names nobody and the second names Bob. Each test that swaps a pair puts it back.
/// </summary>
public class PairTagTests(SigningTests.Keys35 keys) : IClassFixture<SigningTests.Keys35>
{
    private readonly Dkls23Harness _h = keys.H;

    private static ParticipantId P(int i) => ParticipantId.FromIndex(i);

    private static readonly ParticipantId[] S245 = [P(2), P(4), P(5)];

    [Fact]
    public void Both_sides_of_one_setup_share_a_tag_and_two_setups_of_one_pair_do_not_although_their_sids_are_equal()
    {
        var (a2, a4) = Dkls23Harness.SetUpPair(_h.Keys[0].Sid, P(2), P(4));
        var (b2, b4) = Dkls23Harness.SetUpPair(_h.Keys[0].Sid, P(2), P(4));
        using (a2) using (a4) using (b2) using (b4)
        {
            Assert.Equal(a2.Tag, a4.Tag);
            Assert.Equal(a2.SetupTag, a4.SetupTag);
            Assert.Equal(PairState.TagSize, a2.Tag.Length);
            // the sids are fixed per ordered pair, so they cannot tell the two setups apart; the tag can
            Assert.Equal(a2.SidAsAlice, b2.SidAsAlice);
            Assert.Equal(a2.SidAsBob, b2.SidAsBob);
            Assert.NotEqual(a2.Tag, b2.Tag);
            Assert.NotEqual(a2.SetupTag, b4.SetupTag);
        }
    }

    [Fact]
    public void Sides_from_different_setups_fail_with_PairMismatch_naming_nobody_before_the_OT_check()
    {
        // n4 took a fresh setup with n2 (n2's copy of it was lost): n2 still holds the old pair
        var (fresh2, fresh4) = Dkls23Harness.SetUpPair(_h.Keys[0].Sid, P(2), P(4));
        var old4 = _h.Pairs[P(4)][P(2)];
        _h.Pairs[P(4)][P(2)] = fresh4;
        try
        {
            var (presignatures, errors) = _h.Presign(S245);
            Assert.Null(presignatures);
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Equal(Dkls23Failure.PairMismatch, e.Failure));
            Assert.All(errors, e => Assert.Empty(e.Culprits));
            // n2 and n4 each see the other's tag differ; n5's pairs agree with both
            Assert.Equal(new[] { P(4) }, errors[0].Unpaired);
            Assert.Equal(new[] { P(2) }, errors[1].Unpaired);

            // the same two states with the tag check bypassed (n2 is sent n4's tag as if it matched):
            // the OT-extension check fails and names n4 — what an honest n4 was blamed for before the tag
            var bypassed = _h.Presign(S245, r1: m => m.From == P(4) && m.To == P(2) ? m with { PairTag = _h.Pairs[P(2)][P(4)].Tag } : m);
            var check = Assert.Single(bypassed.Errors, e => e.Failure == Dkls23Failure.OtExtensionCheckFailed);
            Assert.Equal([P(4)], check.Culprits);
        }
        finally
        {
            _h.Pairs[P(4)][P(2)] = old4;
            fresh2.Dispose();
            fresh4.Dispose();
        }
        Assert.Empty(_h.Presign(S245).Errors);
    }

    [Fact]
    public void A_tampered_OT_row_under_a_matching_tag_names_Bob()
    {
        var (presignatures, errors) = _h.Presign(S245, r1: m =>
        {
            if (m.From != P(4) || m.To != P(2)) return m;
            var u = (byte[])m.Ote.U.Clone();
            u[7] ^= 1;
            return m with { Ote = m.Ote with { U = u } };
        });
        Assert.Null(presignatures);
        var error = Assert.Single(errors);
        Assert.Equal((Dkls23Failure.OtExtensionCheckFailed, P(4)), (error.Failure, Assert.Single(error.Culprits)));
        Assert.Empty(error.Unpaired);
    }

    [Fact]
    public void A_tampered_tag_is_a_mismatch_at_its_recipient_only_and_names_nobody()
    {
        var (_, errors) = _h.Presign(S245, r1: m =>
        {
            if (m.From != P(5) || m.To != P(4)) return m;
            var tag = (byte[])m.PairTag.Clone();
            tag[0] ^= 0x80;
            return m with { PairTag = tag };
        });
        var error = Assert.Single(errors);
        Assert.Equal(Dkls23Failure.PairMismatch, error.Failure);
        Assert.Empty(error.Culprits);
        Assert.Equal([P(5)], error.Unpaired);
    }

    [Fact]
    public void A_short_or_missing_tag_is_malformed_and_names_its_sender()
    {
        var shortTag = _h.Presign(S245, r1: m => m.From == P(2) && m.To == P(5) ? m with { PairTag = m.PairTag[..8] } : m);
        var error = Assert.Single(shortTag.Errors);
        Assert.Equal((Dkls23Failure.MalformedMessage, P(2)), (error.Failure, Assert.Single(error.Culprits)));
        var missing = _h.Presign(S245, r1: m => m.From == P(4) && m.To == P(5) ? m with { PairTag = null! } : m);
        Assert.Equal((Dkls23Failure.MalformedMessage, P(4)), (Assert.Single(missing.Errors).Failure, missing.Errors[0].Culprits.Single()));
    }

    [Fact]
    public void The_round_1_wire_carries_the_tag_first_and_refuses_a_message_one_byte_short_or_long()
    {
        var sigid = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var s1 = S245.Select(i => SignRound1.Run(_h.Keys[i.Value - 1], _h.Pairs[i], S245, sigid).Value).ToArray();
        try
        {
            var m = s1[0].ToPeers[0];
            var bytes = SignWire.Encode(m);
            Assert.Equal(m.PairTag, bytes[..PairState.TagSize]);
            Assert.Equal(m.PairTag, SignWire.DecodeRound1(m.From, m.To, bytes)!.PairTag);
            Assert.Null(SignWire.DecodeRound1(m.From, m.To, bytes[1..]));
            Assert.Null(SignWire.DecodeRound1(m.From, m.To, [.. bytes, 0]));
            // the old tag-less layout is refused, not read as shifted OT rows
            Assert.Null(SignWire.DecodeRound1(m.From, m.To, bytes[PairState.TagSize..]));
            Assert.Throws<ArgumentException>(() => SignWire.Encode(m with { PairTag = new byte[3] }));
        }
        finally
        {
            foreach (var s in s1) s.Session.Dispose();
        }
    }
}
