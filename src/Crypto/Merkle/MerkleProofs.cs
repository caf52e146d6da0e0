using CcTsa.Contracts.Hashing;

namespace CcTsa.Crypto.Merkle;

/// <summary>
/// RFC 9162 §2.1 tree head, inclusion path (§2.1.3.1) and consistency proof (§2.1.4.1) computed
/// from stored complete subtrees instead of the leaves: every range the RFC recursion hashes starts
/// on a multiple of its largest power-of-two part, so it splits into at most log₂ n complete
/// subtrees, folded right to left. <see cref="NodesFor"/> lists the subtrees a computation reads,
/// so a store fetches them in one query before the pure computation runs.
/// </summary>
public static class MerkleProofs
{
    public static Sha256Hash Root(long size, Func<TreeNodeKey, Sha256Hash> node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? MerkleHash.Empty : Range(0, size, node);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<Sha256Hash> Inclusion(long index, long size, Func<TreeNodeKey, Sha256Hash> node)
    {
        if (index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {size} leaves.");
        var path = new List<Sha256Hash>();
        Path(index, 0, size, node, path);
        return path;
    }

    /// <summary>The proof that the tree of <paramref name="from"/> leaves is a prefix of the one of <paramref name="to"/> (empty when equal).</summary>
    public static IReadOnlyList<Sha256Hash> Consistency(long from, long to, Func<TreeNodeKey, Sha256Hash> node)
    {
        if (from < 1 || from > to)
            throw new ArgumentOutOfRangeException(nameof(from), $"A consistency proof needs 1 ≤ from ≤ to, got from={from}, to={to}.");
        var proof = new List<Sha256Hash>();
        if (from < to) SubProof(from, 0, to, true, node, proof);
        return proof;
    }

    /// <summary>The stored nodes <paramref name="compute"/> reads (it runs once over placeholder hashes).</summary>
    public static IReadOnlySet<TreeNodeKey> NodesFor(Action<Func<TreeNodeKey, Sha256Hash>> compute)
    {
        var keys = new HashSet<TreeNodeKey>();
        compute(k => { keys.Add(k); return MerkleHash.Empty; });
        return keys;
    }

    // PATH(m, D[start:end]) with m relative to start
    private static void Path(long m, long start, long end, Func<TreeNodeKey, Sha256Hash> node, List<Sha256Hash> path)
    {
        var n = end - start;
        if (n == 1) return;
        var k = SplitPoint(n);
        if (m < k)
        {
            Path(m, start, start + k, node, path);
            path.Add(Range(start + k, end, node));
        }
        else
        {
            Path(m - k, start + k, end, node, path);
            path.Add(Range(start, start + k, node));
        }
    }

    // SUBPROOF(m, D[start:end], b)
    private static void SubProof(long m, long start, long end, bool b, Func<TreeNodeKey, Sha256Hash> node, List<Sha256Hash> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!b) proof.Add(Range(start, end, node));
            return;
        }
        var k = SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, b, node, proof);
            proof.Add(Range(start + k, end, node));
        }
        else
        {
            SubProof(m - k, start + k, end, false, node, proof);
            proof.Add(Range(start, start + k, node));
        }
    }

    /// <summary>MTH(D[start:end]) from its complete subtrees, largest (leftmost) first.</summary>
    private static Sha256Hash Range(long start, long end, Func<TreeNodeKey, Sha256Hash> node)
    {
        var parts = new List<Sha256Hash>();
        var at = start;
        while (at < end)
        {
            var level = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(end - at));
            // alignment holds for every range the RFC recursion produces; a violation is a bug here
            while (at % (1L << level) != 0) level--;
            parts.Add(node(new TreeNodeKey(level, at >> level)));
            at += 1L << level;
        }
        var acc = parts[^1];
        for (var i = parts.Count - 2; i >= 0; i--) acc = MerkleHash.Node(parts[i], acc);
        return acc;
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2).</summary>
    internal static long SplitPoint(long n) => 1L << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
