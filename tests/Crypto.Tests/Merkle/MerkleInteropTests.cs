using System.Text;
using System.Text.Json;
using CcTsa.Contracts.Hashing;
using CcTsa.Crypto.Merkle;

namespace CcTsa.Crypto.Tests.Merkle;

/// <summary>
/// Our inclusion and consistency proofs, for random tree sizes up to 100,000, checked by the
/// independent Node verifier tests/interop/merkle-verify.mjs (written from RFC 9162); every
/// honest proof must verify there, and every tampered one (edited entry, dropped or reordered
/// path element, moved leaf, forked root, truncated proof, rollback) must be refused there.
/// </summary>
public class MerkleInteropTests
{
    private const int MaxSize = 100_000;

    [Fact]
    public void Node_RFC9162_verifier_accepts_our_proofs_and_refuses_tampered_ones()
    {
        var nodes = new Dictionary<TreeNodeKey, Sha256Hash>(2 * MaxSize);
        var frontier = new MerkleFrontier();
        for (var i = 0; i < MaxSize; i++)
            foreach (var (k, h) in frontier.Append(MerkleHash.Leaf(Entry(i)))) nodes.Add(k, h);
        Sha256Hash Node(TreeNodeKey k) => nodes[k];

        var random = new Random(9162);
        var sizes = new List<long> { 1, 2, 3, 7, 8, 9, 1023, 1024, 1025, MaxSize };
        while (sizes.Count < 40) sizes.Add(random.NextInt64(1, MaxSize + 1));
        var lines = new StringBuilder();
        var expected = new List<bool>();
        void Add(object c, bool ok)
        {
            lines.AppendLine(JsonSerializer.Serialize(c));
            expected.Add(ok);
        }

        foreach (var n in sizes)
        {
            var root = MerkleProofs.Root(n, Node);
            var index = random.NextInt64(0, n);
            var path = MerkleProofs.Inclusion(index, n, Node).Select(B64).ToList();
            var entry = Convert.ToBase64String(Entry(index));
            Add(Inclusion(index, n, entry, path, root), true);
            Add(Inclusion(index, n, Convert.ToBase64String(Entry(index + 1)), path, root), false); // edited entry
            if (n > 1) Add(Inclusion(index, n, entry, path.Skip(1).ToList(), root), false); // element deleted
            if (path.Count > 1) Add(Inclusion(index, n, entry, [path[1], path[0], .. path.Skip(2)], root), false); // reordered
            if (n > 1) Add(Inclusion((index + 1) % n, n, entry, path, root), false); // claimed at another position

            var m = random.NextInt64(1, n + 1);
            var proof = MerkleProofs.Consistency(m, n, Node).Select(B64).ToList();
            var oldRoot = MerkleProofs.Root(m, Node);
            Add(Consistency(m, n, oldRoot, root, proof), true);
            if (m < n)
            {
                Add(Consistency(m, n, MerkleHash.Leaf([1, 2, 3]), root, proof), false); // forked history
                Add(Consistency(m, n, oldRoot, root, proof.Take(proof.Count - 1).ToList()), false); // truncated proof
                Add(Consistency(n, m, root, oldRoot, proof), false); // rollback
            }
        }

        var output = InteropNode.Run("merkle-verify.mjs", null, lines.ToString());
        var results = output.GetProperty("results").EnumerateArray().Select(r => r.GetBoolean()).ToList();
        Assert.Equal(expected.Count, results.Count);
        var wrong = Enumerable.Range(0, expected.Count).Where(i => expected[i] != results[i]).ToList();
        Assert.True(wrong.Count == 0, $"Node disagreed on cases {string.Join(",", wrong)} (of {expected.Count})");
        Assert.Contains(true, results);
    }

    private static byte[] Entry(long i) => Encoding.UTF8.GetBytes($"{{\"sequence\":{i + 1},\"type\":\"token_issued\"}}");

    private static string B64(Sha256Hash h) => Convert.ToBase64String(h.ToArray());

    private static object Inclusion(long index, long size, string entry, List<string> path, Sha256Hash root) =>
        new { kind = "inclusion", leafIndex = index, treeSize = size, entry, path, root = B64(root) };

    private static object Consistency(long first, long second, Sha256Hash firstRoot, Sha256Hash secondRoot, List<string> proof) =>
        new { kind = "consistency", first, second, firstRoot = B64(firstRoot), secondRoot = B64(secondRoot), proof };
}
