using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Channel;

public class SealingTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly SealContext Ctx = new(N1, N2, "ceremony c-1/dkg-round2");

    private static Round2Package Package(Scalar s) => new(ParticipantId.FromNode(N1), ParticipantId.FromNode(N2), s);

    [Fact]
    public void Seal_then_open_returns_the_same_share_and_payload_holds_no_plaintext()
    {
        using var bob = ChannelKeyPair.Generate();
        using var share = Scalar.Random();
        using var pkg = Package(share.Clone());
        var sealedSecret = pkg.SealTo(bob.PublicKey, Ctx);
        Assert.Equal(-1, sealedSecret.Payload.AsSpan().IndexOf(share.Secret));
        Assert.Equal(-1, sealedSecret.Payload.AsSpan().IndexOf(share.Secret[..8]));
        using var opened = Round2Package.Open(sealedSecret, bob, Ctx).Value;
        Assert.True(opened.Share.SecretEquals(share));
        Assert.Equal(pkg.Sender, opened.Sender);
        Assert.Equal(pkg.Recipient, opened.Recipient);
    }

    [Fact]
    public void Open_with_wrong_recipient_key_fails_with_an_error_value()
    {
        using var bob = ChannelKeyPair.Generate();
        using var eve = ChannelKeyPair.Generate();
        using var pkg = Package(Scalar.Random());
        var s = pkg.SealTo(bob.PublicKey, Ctx);
        Assert.Equal(ChannelFailure.AuthenticationFailed, Round2Package.Open(s, eve, Ctx).Error.Failure);
        // eve claims to hold bob's ceremony key: the header check passes, the AEAD does not
        var relabelled = s.Payload.ToArray();
        eve.PublicKey.Bytes.CopyTo(relabelled.AsSpan(34));
        Assert.Equal(ChannelFailure.AuthenticationFailed, Round2Package.Open(new SealedSecret(relabelled), eve, Ctx).Error.Failure);
    }

    [Fact]
    public void Open_of_tampered_payload_fails()
    {
        using var bob = ChannelKeyPair.Generate();
        using var pkg = Package(Scalar.Random());
        var s = pkg.SealTo(bob.PublicKey, Ctx);
        for (int i = 0; i < s.Payload.Length; i += 7)
        {
            var bytes = s.Payload.ToArray();
            bytes[i] ^= 0x20;
            Assert.False(Round2Package.Open(new SealedSecret(bytes), bob, Ctx).IsOk);
        }
        Assert.Equal(ChannelFailure.Malformed, Round2Package.Open(new SealedSecret(s.Payload[..^1]), bob, Ctx).Error.Failure);
    }

    [Fact]
    public void Open_under_another_context_or_kind_fails()
    {
        using var bob = ChannelKeyPair.Generate();
        using var pkg = Package(Scalar.Random());
        var s = pkg.SealTo(bob.PublicKey, Ctx);
        Assert.Equal(ChannelFailure.AuthenticationFailed, Round2Package.Open(s, bob, Ctx with { Purpose = "ceremony c-2/dkg-round2" }).Error.Failure);
        Assert.False(Round2Package.Open(s, bob, new SealContext(N2, N1, Ctx.Purpose)).IsOk);
        Assert.Equal(ChannelFailure.WrongKind, RepairSigma.Open(s, bob, Ctx).Error.Failure);
    }

    [Fact]
    public void Seal_with_context_not_matching_the_package_throws_for_the_caller_bug()
    {
        using var bob = ChannelKeyPair.Generate();
        using var pkg = Package(Scalar.Random());
        Assert.Throws<ArgumentException>(() => pkg.SealTo(bob.PublicKey, new SealContext(N1, NodeId.Parse("n3"), "x")));
    }

    [Fact]
    public void Repair_delta_round_trips_with_its_lost_participant()
    {
        using var bob = ChannelKeyPair.Generate();
        var ctx = new SealContext(N1, N2, "repair r-9/delta");
        using var d = new RepairDelta(ParticipantId.FromNode(N1), ParticipantId.FromNode(N2), ParticipantId.FromIndex(5), Scalar.Random());
        using var opened = RepairDelta.Open(d.SealTo(bob.PublicKey, ctx), bob, ctx).Value;
        Assert.Equal(ParticipantId.FromIndex(5), opened.Lost);
        Assert.True(opened.Value.SecretEquals(d.Value));
    }

    [Fact]
    public void ChannelPublicKey_hex_round_trips_and_keypair_prints_redacted()
    {
        using var k = ChannelKeyPair.Generate();
        Assert.Equal(k.PublicKey, ChannelPublicKey.Parse(k.PublicKey.ToString()));
        Assert.False(ChannelPublicKey.TryParse("zz", out _));
        Assert.Contains("[redacted]", k.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_with_low_order_sender_ephemeral_key_is_an_error_value()
    {
        using var bob = ChannelKeyPair.Generate();
        var fake = new SealedSecret(new byte[ChannelSeal.PayloadSize]);
        fake.Payload[0] = ChannelSeal.Version;
        fake.Payload[1] = 1;
        bob.PublicKey.Bytes.CopyTo(fake.Payload.AsSpan(34));
        Assert.Equal(ChannelFailure.InvalidPeerKey, Round2Package.Open(fake, bob, Ctx).Error.Failure);
    }

    [Fact]
    public void Every_seal_carries_its_own_ephemeral_key_and_it_is_authenticated()
    {
        using var bob = ChannelKeyPair.Generate();
        using var pkg = Package(Scalar.Random());
        var a = pkg.SealTo(bob.PublicKey, Ctx);
        var b = pkg.SealTo(bob.PublicKey, Ctx);
        // bytes 2..34: the sender's per-message X25519 public key (forward secrecy for the sender's static key)
        Assert.False(a.Payload.AsSpan(2, 32).SequenceEqual(b.Payload.AsSpan(2, 32)));
        using var eve = ChannelKeyPair.Generate();
        var swapped = a.Payload.ToArray();
        eve.PublicKey.Bytes.CopyTo(swapped.AsSpan(2));
        Assert.Equal(ChannelFailure.AuthenticationFailed, Round2Package.Open(new SealedSecret(swapped), bob, Ctx).Error.Failure);
        Assert.True(Round2Package.Open(b, bob, Ctx).IsOk);
    }

    [Fact]
    public void Seal_format_is_version_3_and_names_the_recipient_ceremony_key()
    {
        using var ceremonyKey = ChannelKeyPair.Generate();
        using var pkg = Package(Scalar.Random());
        var s = pkg.SealTo(ceremonyKey.PublicKey, Ctx);
        Assert.Equal(3, ChannelSeal.Version);
        Assert.Equal(ChannelSeal.Version, s.Payload[0]);
        Assert.Equal(ChannelSeal.PayloadSize, s.Payload.Length);
        Assert.True(s.Payload.AsSpan(34, 32).SequenceEqual(ceremonyKey.PublicKey.Bytes));
        Assert.Equal(ceremonyKey.PublicKey, ChannelSeal.SealedTo(s));
        var old = s.Payload.ToArray();
        old[0] = 2;
        Assert.Equal(ChannelFailure.Malformed, Round2Package.Open(new SealedSecret(old), ceremonyKey, Ctx).Error.Failure);
    }

    [Fact]
    public void Open_with_another_ceremony_key_of_the_recipient_fails()
    {
        using var thisCeremony = ChannelKeyPair.Generate();
        using var otherCeremony = ChannelKeyPair.Generate();
        using var staticKey = ChannelKeyPair.Generate();
        using var pkg = Package(Scalar.Random());
        var s = pkg.SealTo(thisCeremony.PublicKey, Ctx);
        Assert.Equal(ChannelFailure.AuthenticationFailed, Round2Package.Open(s, otherCeremony, Ctx).Error.Failure);
        Assert.Equal(ChannelFailure.AuthenticationFailed, Round2Package.Open(s, staticKey, Ctx).Error.Failure);
        Assert.True(Round2Package.Open(s, thisCeremony, Ctx).IsOk);
    }

    [Fact]
    public void A_revealed_ceremony_key_rebuilds_the_same_key_pair()
    {
        using var ceremonyKey = ChannelKeyPair.Generate();
        using var share = Scalar.Random();
        using var pkg = Package(share.Clone());
        var s = pkg.SealTo(ceremonyKey.PublicKey, Ctx);
        using var rebuilt = ChannelKeyPair.FromRevealed(ceremonyKey.RevealForComplaint())!;
        Assert.Equal(ceremonyKey.PublicKey, rebuilt.PublicKey);
        using var opened = Round2Package.Open(s, rebuilt, Ctx).Value;
        Assert.True(opened.Share.SecretEquals(share));
        Assert.Null(ChannelKeyPair.FromRevealed(new byte[31]));
    }
}
