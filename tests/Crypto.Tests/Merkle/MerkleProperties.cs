using CcTsa.Contracts.Hashing;
using CcTsa.Crypto.Merkle;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Merkle;

/// <summary>
/// The stored-subtree tree (frontier appends + proofs from complete subtrees) against the literal
/// RFC 9162 recursion, for random sizes and indices; and the RFC verifiers accept exactly the
/// honest proofs.
/// </summary>
public class MerkleProperties
{
    private sealed class Tree
    {
        public readonly Dictionary<TreeNodeKey, Sha256Hash> Nodes = [];
        public readonly MerkleFrontier Frontier = new MerkleFrontier();
        public readonly List<byte[]> Entries = [];

        public static Tree Of(int size)
        {
            var t = new Tree();
            for (var i = 0; i < size; i++) t.Add(BitConverter.GetBytes(i * 7919 + 3));
            return t;
        }

        public void Add(byte[] entry)
        {
            Entries.Add(entry);
            foreach (var (k, h) in Frontier.Append(MerkleHash.Leaf(entry))) Nodes.Add(k, h);
        }

        public Sha256Hash Node(TreeNodeKey k) => Nodes.TryGetValue(k, out var h) ? h : throw new KeyNotFoundException($"node {k} not stored");
    }

    private static Sha256Hash H(byte[] b) => Sha256Hash.FromBytes(b);

    [Property(MaxTest = 60)]
    public void Root_equals_the_RFC_MTH_for_every_prefix(byte sizeSeed)
    {
        var t = Tree.Of(sizeSeed % 70 + 1);
        for (var n = 1; n <= t.Entries.Count; n++)
            Assert.Equal(H(NaiveMerkle.Mth([.. t.Entries.Take(n)])), MerkleProofs.Root(n, t.Node));
        Assert.Equal(MerkleProofs.Root(t.Entries.Count, t.Node), t.Frontier.Root());
    }

    [Property(MaxTest = 200)]
    public void Inclusion_path_equals_the_RFC_PATH_and_verifies(ushort sizeSeed, ushort indexSeed)
    {
        var size = sizeSeed % 300 + 1;
        var t = Tree.Of(size);
        var n = indexSeed % size + 1;
        var m = indexSeed % n;
        var path = MerkleProofs.Inclusion(m, n, t.Node);
        Assert.Equal(NaiveMerkle.Path(m, [.. t.Entries.Take(n)]).Select(H), path);
        var root = MerkleProofs.Root(n, t.Node);
        Assert.True(MerkleVerifier.VerifyInclusion(m, n, MerkleHash.Leaf(t.Entries[m]), path, root));
        Assert.False(MerkleVerifier.VerifyInclusion(m, n, MerkleHash.Leaf([.. t.Entries[m], 1]), path, root));
        if (n > 1) Assert.False(MerkleVerifier.VerifyInclusion((m + 1) % n, n, MerkleHash.Leaf(t.Entries[m]), path, root));
    }

    [Property(MaxTest = 200)]
    public void Consistency_proof_equals_the_RFC_PROOF_and_verifies(ushort sizeSeed, ushort fromSeed)
    {
        var to = sizeSeed % 300 + 1;
        var from = fromSeed % to + 1;
        var t = Tree.Of(to);
        var proof = MerkleProofs.Consistency(from, to, t.Node);
        var expected = from == to ? [] : NaiveMerkle.Proof(from, [.. t.Entries]).Select(H).ToList();
        Assert.Equal(expected, proof);
        var r1 = MerkleProofs.Root(from, t.Node);
        var r2 = MerkleProofs.Root(to, t.Node);
        Assert.True(MerkleVerifier.VerifyConsistency(from, to, r1, r2, proof));
        if (from < to)
        {
            // a rewritten old leaf (a fork) no longer fits the new root
            Assert.False(MerkleVerifier.VerifyConsistency(from, to, MerkleHash.Leaf([9, 9]), r2, proof));
            Assert.False(MerkleVerifier.VerifyConsistency(from, to, r1, MerkleHash.Leaf([9, 9]), proof));
            Assert.False(MerkleVerifier.VerifyConsistency(from, to, r1, r2, proof.Take(proof.Count - 1).ToList()));
        }
    }

    [Property(MaxTest = 100)]
    public void A_frontier_reloaded_from_stored_nodes_continues_the_same_tree(byte firstSeed, byte moreSeed)
    {
        var first = firstSeed % 90 + 1;
        var t = Tree.Of(first + moreSeed % 40);
        var reloaded = MerkleFrontier.Load(first, t.Node);
        for (var i = first; i < t.Entries.Count; i++)
            foreach (var (k, h) in reloaded.Append(MerkleHash.Leaf(t.Entries[i])))
                Assert.Equal(t.Node(k), h);
        Assert.Equal(t.Frontier.Root(), reloaded.Root());
        Assert.Equal(MerkleFrontier.EdgeOf(first).ToHashSet(), MerkleProofs.NodesFor(node => MerkleFrontier.Load(first, node)).ToHashSet());
    }

    [Property(MaxTest = 100)]
    public void Proofs_read_only_the_nodes_NodesFor_lists(ushort sizeSeed, ushort indexSeed)
    {
        var n = sizeSeed % 5000 + 1;
        var m = indexSeed % n;
        var needed = MerkleProofs.NodesFor(node => MerkleProofs.Inclusion(m, n, node));
        Assert.True(needed.Count <= 2 * 64);
        var t = Tree.Of(n);
        var limited = t.Nodes.Where(kv => needed.Contains(kv.Key)).ToDictionary();
        Assert.Equal(MerkleProofs.Inclusion(m, n, t.Node), MerkleProofs.Inclusion(m, n, k => limited[k]));
    }

    [Fact]
    public void Empty_tree_root_is_the_hash_of_nothing_and_proof_arguments_are_checked()
    {
        Assert.Equal(Sha256Hash.Of([]), MerkleProofs.Root(0, _ => throw new InvalidOperationException()));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Inclusion(5, 5, _ => MerkleHash.Empty));
        Assert.Contains("Leaf 5 is not in a tree of 5 leaves", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Consistency(0, 5, _ => MerkleHash.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Consistency(6, 5, _ => MerkleHash.Empty));
        Assert.False(MerkleVerifier.VerifyConsistency(3, 3, MerkleHash.Empty, MerkleHash.Leaf([1]), []));
        Assert.False(MerkleVerifier.VerifyInclusion(3, 3, MerkleHash.Empty, [], MerkleHash.Empty));
    }
}
