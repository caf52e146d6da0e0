using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.Tests.TransparencyLog;

/// <summary>The monitor's decision over honest and tampered logs (edit, delete, truncate, reorder, fork).</summary>
public sealed class HeadComparisonTests
{
    private static (Dictionary<TreeNodeKey, Sha256Hash> Nodes, long Size) Tree(IEnumerable<byte[]> entries)
    {
        var nodes = new Dictionary<TreeNodeKey, Sha256Hash>();
        var f = new MerkleFrontier();
        foreach (var e in entries)
            foreach (var (k, h) in f.Append(MerkleHash.Leaf(e))) nodes[k] = h;
        return (nodes, f.Size);
    }

    private static SignedHead Head(Dictionary<TreeNodeKey, Sha256Hash> nodes, long size) =>
        new(size, MerkleProofs.Root(size, k => nodes[k]), DateTimeOffset.UnixEpoch, []);

    private static List<byte[]> Entries(int n) => [.. Enumerable.Range(1, n).Select(i => LogEntry.Encode(i, DateTimeOffset.UnixEpoch.AddSeconds(i), "node_started", "{\"n\":1}"u8))];

    [Fact]
    public void Honest_growth_is_consistent_and_every_tampering_is_caught()
    {
        var honest = Entries(40);
        var (nodes, _) = Tree(honest);
        var stored = Head(nodes, 25);
        var later = Head(nodes, 40);
        Assert.Equal(HeadVerdict.Consistent, HeadComparison.Compare(stored, later, MerkleProofs.Consistency(25, 40, k => nodes[k])));
        Assert.Equal(HeadVerdict.Consistent, HeadComparison.Compare(stored, stored, []));

        var tampered = new Dictionary<string, List<byte[]>>
        {
            ["edit"] = [.. honest.Select((e, i) => i == 7 ? LogEntry.Encode(8, DateTimeOffset.UnixEpoch, "node_started", "{\"n\":2}"u8) : e)],
            ["delete"] = [.. honest.Where((_, i) => i != 7)],
            ["reorder"] = [.. honest.Take(7), honest[8], honest[7], .. honest.Skip(9)],
        };
        foreach (var (what, log) in tampered)
        {
            var (t, size) = Tree(log);
            var served = Head(t, size);
            var verdict = HeadComparison.Compare(stored, served, MerkleProofs.Consistency(25, size, k => t[k]));
            Assert.True(verdict == HeadVerdict.Fork, $"{what}: {verdict}");
        }
        var (cut, cutSize) = Tree(honest.Take(20));
        Assert.Equal(HeadVerdict.Rollback, HeadComparison.Compare(stored, Head(cut, cutSize), []));
        // same size, other history
        var (fork, _) = Tree(tampered["edit"]);
        Assert.Equal(HeadVerdict.Fork, HeadComparison.Compare(stored, Head(fork, 25), []));
    }

    [Fact]
    public void A_token_entry_names_its_serial_and_is_the_same_bytes_every_time()
    {
        var serial = SerialNumber.NewRandom();
        var data = CcTsa.ControlPlane.EventStore.EventCodec.Encode(new CcTsa.Contracts.Events.Issuance.TokenIssued(serial, DateTimeOffset.UnixEpoch, "1.2.3", "sha256",
            new string('a', 64), new KeyEpoch(1), [NodeId.FromIndex(1)], new string('b', 64)));
        var at = new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero).AddTicks(1230);
        var a = LogEntry.Encode(7, at, data.Type, data.Utf8.Span);
        Assert.Equal(a, LogEntry.Encode(7, at, data.Type, data.Utf8.Span));
        var text = System.Text.Encoding.UTF8.GetString(a);
        Assert.StartsWith("{\"sequence\":7,\"timestamp\":\"2026-12-06T15:00:00.000123Z\",\"type\":\"token_issued\",\"data\":{", text);
        Assert.Contains($"\"serial\":\"{serial.ToHex()}\"", text);
    }
}
