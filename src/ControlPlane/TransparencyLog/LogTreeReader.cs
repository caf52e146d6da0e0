using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// Roots, proofs and entries of the log's Merkle tree for any size up to the stored one: the nodes
/// a computation needs are listed first (<see cref="MerkleProofs.NodesFor"/>); the stored levels
/// come in one store call, the few lower ones from their blocks' events (≤ 16 rows each, see
/// <see cref="TreeLayout"/>), so a proof at a million events reads a few dozen rows, never a rescan.
/// </summary>
public sealed class LogTreeReader(IEventLog log, ILogTree tree)
{
    /// <summary>The largest entries read one bounded query serves (the API's page is ≤ 1,000).</summary>
    private const int RowsPerRead = 1000;

    public Task<long> SizeAsync(CancellationToken ct = default) => tree.TreeSizeAsync(ct);

    public Task<Sha256Hash> RootAsync(long size, CancellationToken ct = default) =>
        ComputeAsync(node => MerkleProofs.Root(size, node), ct);

    public Task<IReadOnlyList<Sha256Hash>> InclusionAsync(long leafIndex, long size, CancellationToken ct = default) =>
        ComputeAsync(node => MerkleProofs.Inclusion(leafIndex, size, node), ct);

    public Task<IReadOnlyList<Sha256Hash>> ConsistencyAsync(long from, long to, CancellationToken ct = default) =>
        ComputeAsync(node => MerkleProofs.Consistency(from, to, node), ct);

    /// <summary>The entries of leaves [<paramref name="start"/>, <paramref name="end"/>] (0-based, inclusive), in order.</summary>
    public async Task<IReadOnlyList<byte[]>> EntriesAsync(long start, long end, CancellationToken ct = default)
    {
        var entries = new List<byte[]>();
        if (end < start) return entries;
        if (end - start + 1 > RowsPerRead)
        {
            // a long range (audit tooling, not the API) streams instead of one bounded read
            await foreach (var row in log.StoredAsync(start, ct).ConfigureAwait(false))
            {
                if (LogEntry.LeafIndexOf(row.Sequence) > end) break;
                entries.Add(LogEntry.Encode(row));
            }
            return entries;
        }
        // leaf i is the event of sequence i+1, so rows after sequence `start` begin at leaf `start`
        foreach (var row in await tree.RowsAsync(start, (int)(end - start + 1), ct).ConfigureAwait(false))
            entries.Add(LogEntry.Encode(row));
        return entries;
    }

    private async Task<T> ComputeAsync<T>(Func<Func<TreeNodeKey, Sha256Hash>, T> compute, CancellationToken ct)
    {
        var keys = MerkleProofs.NodesFor(node => compute(node));
        var stored = keys.Where(TreeLayout.IsStored).ToList();
        var nodes = stored.Count == 0 ? new Dictionary<TreeNodeKey, Sha256Hash>()
            : new Dictionary<TreeNodeKey, Sha256Hash>(await tree.NodesAsync(stored, ct).ConfigureAwait(false));
        foreach (var (key, hash) in await LowerNodesAsync([.. keys.Where(k => !TreeLayout.IsStored(k))], ct).ConfigureAwait(false))
            nodes[key] = hash;
        return compute(k => nodes.TryGetValue(k, out var h) ? h
            : throw new TreeIncompleteException($"The log tree lacks node {k}: tree rows were removed or altered."));
    }

    /// <summary>Nodes below the stored levels, each from the leaf hashes of the events under it (one read per block).</summary>
    private async Task<List<(TreeNodeKey, Sha256Hash)>> LowerNodesAsync(List<TreeNodeKey> keys, CancellationToken ct)
    {
        var result = new List<(TreeNodeKey, Sha256Hash)>(keys.Count);
        foreach (var block in keys.GroupBy(k => k.FirstLeaf / TreeLayout.BlockWidth))
        {
            var first = block.Key * TreeLayout.BlockWidth;
            var end = block.Max(k => k.FirstLeaf + k.Width);
            var rows = await tree.RowsAsync(first, (int)(end - first), ct).ConfigureAwait(false);
            if (rows.Count != end - first || rows.Where((r, i) => r.Sequence != first + i + 1).Any())
                throw new TreeIncompleteException($"The events of leaves {first}..{end - 1} the tree needs are not all in the log (events were removed).");
            var leaves = rows.Select(LogEntry.LeafHash).ToList();
            foreach (var key in block)
            {
                var subtree = new MerkleFrontier();
                for (var i = key.FirstLeaf - first; i < key.FirstLeaf - first + key.Width; i++) subtree.Append(leaves[(int)i]);
                result.Add((key, subtree.Root()));
            }
        }
        return result;
    }
}
