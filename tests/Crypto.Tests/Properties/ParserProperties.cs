using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Tests.Frost;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Properties;

/// <summary>Every public FROST parser: random bytes and bit flips give an error value or an equal object, never an exception.</summary>
public class ParserProperties
{
    private static readonly Lazy<(byte[][] Valid, FrostHarness.Group G)> Samples = new(() =>
    {
        var g = FrostHarness.Dkg(2, 3);
        var ids = FrostHarness.Ids(3);
        var n1 = Round1.Commit(g.Keys[ids[0]]);
        var n2 = Round1.Commit(g.Keys[ids[1]]);
        var pkg = SigningPackage.Create([n1.Commitments, n2.Commitments], "hello"u8).Value;
        var share = Round2.Sign(pkg, n1, g.Keys[ids[0]]).Value;
        var r1 = Dealerless.Part1(ids[0], 3, 2).Broadcast;
        var rr1 = Refresh.Part1(ids[0], 3, 2).Broadcast;
        return ([n2.Commitments.ToBytes(), pkg.ToBytes(), share.ToBytes(), g.PublicKeys.ToBytes(), r1.ToBytes(), rr1.ToBytes()], g);
    });

    private static bool ParseAny(byte[] bytes) =>
        SigningCommitments.FromBytes(bytes).IsOk | SigningPackage.FromBytes(bytes).IsOk | SignatureShare.FromBytes(bytes).IsOk
        | PublicKeyPackage.FromBytes(bytes).IsOk | Round1Package.FromBytes(bytes).IsOk | RefreshRound1Package.FromBytes(bytes).IsOk;

    [Property(MaxTest = 300)]
    public void Parsers_on_random_bytes_return_values_not_exceptions(byte[] bytes)
    {
        var withHeader = new byte[] { 1, 1, (byte)((bytes?.Length ?? 0) % 7) }.Concat(bytes ?? []).ToArray();
        ParseAny(bytes ?? []);
        ParseAny(withHeader);
    }

    [Property(MaxTest = 300)]
    public void Parsers_on_bit_flipped_messages_reject_or_round_trip(byte which, ushort position, byte bit)
    {
        var valid = Samples.Value.Valid[which % Samples.Value.Valid.Length];
        var bytes = valid.ToArray();
        bytes[position % bytes.Length] ^= (byte)(1 << (bit % 8));
        AssertRejectsOrRoundTrips(bytes);
        AssertRejectsOrRoundTrips(bytes[..(position % bytes.Length)]);
    }

    [Fact]
    public void Parsers_round_trip_every_valid_message()
    {
        foreach (var b in Samples.Value.Valid)
        {
            Assert.True(ParseAny(b));
            AssertRejectsOrRoundTrips(b);
        }
        var pub = PublicKeyPackage.FromBytes(Samples.Value.Valid[3]).Value;
        Assert.Equal(Samples.Value.G.PublicKeys, pub);
    }

    private static void AssertRejectsOrRoundTrips(byte[] bytes)
    {
        if (SigningCommitments.FromBytes(bytes).TryGet(out var c, out _)) Assert.Equal(bytes, c.ToBytes());
        if (SigningPackage.FromBytes(bytes).TryGet(out var p, out _)) Assert.Equal(bytes, p.ToBytes());
        if (SignatureShare.FromBytes(bytes).TryGet(out var s, out _)) Assert.Equal(bytes, s.ToBytes());
        if (PublicKeyPackage.FromBytes(bytes).TryGet(out var k, out _)) Assert.Equal(bytes, k.ToBytes());
        if (Round1Package.FromBytes(bytes).TryGet(out var r, out _)) Assert.Equal(bytes, r.ToBytes());
        if (RefreshRound1Package.FromBytes(bytes).TryGet(out var rr, out _)) Assert.Equal(bytes, rr.ToBytes());
    }

    [Fact]
    public void ParticipantId_from_node_is_the_node_index()
    {
        Assert.Equal(3, ParticipantId.FromNode(CcTsa.Contracts.Ids.NodeId.Parse("n3")).Value);
        Assert.False(ParticipantId.TryDecode(new byte[32], out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParticipantId.FromIndex(0));
    }
}
