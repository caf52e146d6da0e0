using System.Text.Json;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using MassTransit.Serialization;

namespace CcTsa.Hosting.Tests;

/// <summary>The body digest nodes sign: equal after the bus's JSON round trip, different for any change of a carried field.</summary>
public class CanonicalBodyTests
{
    private static readonly NodeId N1 = NodeId.FromIndex(1), N2 = NodeId.FromIndex(2), N3 = NodeId.FromIndex(3);

    private static ProduceSignatureShares Round(int items = 3, byte first = 7) =>
        new(new RoundId(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")), N1, N2, new KeyEpoch(4), [N1, N2, N3], "rfc3161",
            [.. Enumerable.Range(0, items).Select(i => new ShareItem([first, (byte)i], [(byte)(i + 1)], [new byte[32], [1, 2, 3]]))]);

    private static byte[] Digest<T>(T message) where T : class => CanonicalBody.Digest(message, typeof(T));

    private static T OverTheBus<T>(T message) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(message, SystemTextJsonMessageSerializer.Options), SystemTextJsonMessageSerializer.Options)!;

    [Fact]
    public void Digest_after_the_bus_json_round_trip_is_unchanged()
    {
        var round = Round(250);
        Assert.Equal(Digest(round), Digest(OverTheBus(round)));
        var finished = new CeremonyFinished(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(2), N3, false, null, [9, 9], [N1], null);
        Assert.Equal(Digest(finished), Digest(OverTheBus(finished)));
        var beat = new NodeAnnounced(N2, "gcp", new byte[32], 3, true, false, [N1, N3], new DateTimeOffset(2026, 12, 6, 7, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            -12.375, 0.1, new byte[32], [new ReasonCount("unsigned", 3), new ReasonCount("replayed", 1)], []);
        Assert.Equal(Digest(beat), Digest(OverTheBus(beat)));
        Assert.NotEqual(Digest(beat), Digest(beat with { DroppedMessages = [new ReasonCount("unsigned", 4), new ReasonCount("replayed", 1)] }));
    }

    [Fact]
    public void Digest_changes_with_every_carried_field()
    {
        var round = Round();
        var digests = new[]
        {
            Digest(round),
            Digest(round with { Round = RoundId.New() }),
            Digest(round with { Coordinator = N3 }),
            Digest(round with { Participant = N3 }),
            Digest(round with { Epoch = new KeyEpoch(5) }),
            Digest(round with { Signers = [N1, N2] }),
            Digest(round with { Purpose = "csr" }),
            Digest(Round(first: 8)),
            Digest(round with { Items = [.. round.Items.Reverse()] }),
            Digest(round with { Items = [round.Items[0] with { Commitments = [new byte[32], [1, 2, 4]] }, .. round.Items.Skip(1)] }),
            Digest(round with { Items = [round.Items[0] with { Commitments = [] }, .. round.Items.Skip(1)] }),
        };
        Assert.Equal(digests.Length, digests.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Adjacent_fields_cannot_trade_bytes_and_null_differs_from_empty()
    {
        var a = new ShareItem([1, 2], [3], []);
        var b = new ShareItem([1], [2, 3], []);
        Assert.NotEqual(Digest(a), Digest(b));
        var finished = new CeremonyFinished(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(2), N3, false, null, null, [], "x");
        Assert.NotEqual(Digest(finished), Digest(finished with { GroupPublicKey = [] }));
        Assert.NotEqual(Digest(finished), Digest(finished with { Error = null }));
        Assert.NotEqual(Digest(finished), Digest(finished with { Error = "" }));
    }

    [Fact]
    public void A_declared_tree_head_survives_the_bus_and_a_relay_cannot_strip_or_change_it_unnoticed()
    {
        var head = new LogHead(12, [.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
        var round = Round(2);
        var declared = round with { Items = [round.Items[0] with { Head = head }, round.Items[1]] };
        var arrived = OverTheBus(declared);
        Assert.Equal(Digest(declared), Digest(arrived));
        Assert.Equal(12, arrived.Items[0].Head!.TreeSize);
        Assert.Null(arrived.Items[1].Head); // an ordinary item stays ordinary: no empty head appears on the way
        // stripping the head (null) or changing its size or root changes what the node signed
        Assert.NotEqual(Digest(declared), Digest(round));
        Assert.NotEqual(Digest(declared), Digest(declared with { Items = [round.Items[0] with { Head = head with { TreeSize = 11 } }, round.Items[1]] }));
        Assert.NotEqual(Digest(declared), Digest(declared with { Items = [round.Items[0] with { Head = head with { RootHash = new byte[32] } }, round.Items[1]] }));
        var batch = new SignTimestampBatch(new RoundId(Guid.NewGuid()), new KeyEpoch(1), [new TimestampToSign(Guid.NewGuid(), [1, 2], head)]);
        Assert.Equal(Digest(batch), Digest(OverTheBus(batch)));
        Assert.NotEqual(Digest(batch), Digest(batch with { Items = [batch.Items[0] with { Head = null }] }));
    }

    [Fact]
    public void Digest_depends_on_the_contract_type_it_is_read_as()
    {
        var probe = new ClockProbe(N1, N2, 42);
        Assert.Equal(CanonicalBody.DigestSize, Digest(probe).Length);
        Assert.Equal(Digest(probe), CanonicalBody.Digest(probe, typeof(ClockProbe)));
    }
}
