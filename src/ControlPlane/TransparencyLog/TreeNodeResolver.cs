using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// Any complete subtree's hash from what a store keeps (<see cref="TreeLayout"/>): a stored node as
/// read; a node between stored levels folded from its ≤ 8 descendants at the stored level below;
/// a node below level 4 from the leaf hashes of its block's events. The stored nodes come in one
/// store call and each block's events in one range read, so a proof's cost stays a few queries.
/// Shared by the proof reader and the appender's frontier reload (both stores).
/// </summary>
/// <param name="stored">the stored subtrees among the keys (missing ones absent).</param>
/// <param name="rowsAfter">at most <c>limit</c> raw event rows with sequence &gt; <c>after</c>, in order.</param>
public sealed class TreeNodeResolver(
    Func<IReadOnlyCollection<TreeNodeKey>, Task<IReadOnlyDictionary<TreeNodeKey, Sha256Hash>>> stored,
    Func<long, int, Task<IReadOnlyList<StoredEvent>>> rowsAfter)
{
    /// <summary>The hashes of <paramref name="keys"/>, and the event of leaf <paramref name="leaf"/> when a block read covered it (an inclusion proof's entry, spared its own read).</summary>
    /// <exception cref="TreeIncompleteException">a stored node or an event the keys need is missing.</exception>
    public async Task<(IReadOnlyDictionary<TreeNodeKey, Sha256Hash> Nodes, StoredEvent? Leaf)> ResolveAsync(IReadOnlyCollection<TreeNodeKey> keys, long leaf = -1)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var upper = keys.Where(k => k.Level >= TreeLayout.LowestStoredLevel).ToList();
        var reads = upper.SelectMany(Descendants).Distinct().ToList();
        var fromStore = reads.Count == 0 ? new Dictionary<TreeNodeKey, Sha256Hash>() : await stored(reads).ConfigureAwait(false);
        var nodes = new Dictionary<TreeNodeKey, Sha256Hash>(keys.Count);
        foreach (var key in upper)
        {
            var parts = Descendants(key).Select(d => fromStore.TryGetValue(d, out var h) ? h
                : throw new TreeIncompleteException($"The log tree lacks node {d} (needed for {key}): tree rows were removed or altered."));
            nodes[key] = Fold(parts);
        }
        var leafRow = await LowerAsync([.. keys.Where(k => k.Level < TreeLayout.LowestStoredLevel)], leaf, nodes).ConfigureAwait(false);
        return (nodes, leafRow);
    }

    /// <summary>The stored nodes a key of level ≥ 4 is made of: itself when stored, else its 2^d descendants at the stored level d below.</summary>
    private static IEnumerable<TreeNodeKey> Descendants(TreeNodeKey key)
    {
        var level = TreeLayout.StoredLevelBelow(key.Level);
        var shift = key.Level - level;
        for (var i = key.Index << shift; i < (key.Index + 1) << shift; i++) yield return new TreeNodeKey(level, i);
    }

    /// <summary>Nodes below level 4, each from the leaf hashes of the events under it (one read per block).</summary>
    private async Task<StoredEvent?> LowerAsync(List<TreeNodeKey> keys, long leaf, Dictionary<TreeNodeKey, Sha256Hash> into)
    {
        StoredEvent? leafRow = null;
        foreach (var block in keys.GroupBy(k => k.FirstLeaf / TreeLayout.BlockWidth))
        {
            var first = block.Key * TreeLayout.BlockWidth;
            var end = block.Max(k => k.FirstLeaf + k.Width);
            // the proven leaf lies in its own path's block: read it in the same range
            if (leaf >= first && leaf < first + TreeLayout.BlockWidth) end = Math.Max(end, leaf + 1);
            var rows = await rowsAfter(first, (int)(end - first)).ConfigureAwait(false);
            if (rows.Count != end - first || rows.Where((r, i) => r.Sequence != first + i + 1).Any())
                throw new TreeIncompleteException($"The events of leaves {first}..{end - 1} the tree needs are not all in the log (events were removed).");
            if (leaf >= first && leaf < end) leafRow = rows[(int)(leaf - first)];
            var leaves = rows.Select(LogEntry.LeafHash).ToList();
            foreach (var key in block)
                into[key] = Fold(leaves.Skip((int)(key.FirstLeaf - first)).Take((int)key.Width));
        }
        return leafRow;
    }

    /// <summary>The root of a complete subtree from its 2^d equal-width parts, left to right.</summary>
    private static Sha256Hash Fold(IEnumerable<Sha256Hash> parts)
    {
        var subtree = new MerkleFrontier();
        foreach (var part in parts) subtree.Append(part);
        return subtree.Root();
    }
}
