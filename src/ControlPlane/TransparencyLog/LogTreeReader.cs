using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// Roots, proofs and entries of the log's Merkle tree for any size up to the stored one: the nodes
/// a computation needs are listed first (<see cref="MerkleProofs.NodesFor"/>); the stored levels
/// come in one store call, the few lower ones from their blocks' events (≤ 16 rows each, see
/// <see cref="TreeLayout"/> and <see cref="TreeNodeResolver"/>), so a proof at a million events
/// reads a few dozen rows, never a rescan.
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

    /// <summary>
    /// The audit path of leaf <paramref name="leafIndex"/> and its entry, as the inclusion API serves
    /// them: the entry comes from the leaf's block read the path needs anyway, so a proof costs two
    /// store reads (stored nodes, the block), not three; only a leaf whose path reads no block (a
    /// lone last leaf of a block, or a tree of one) reads its entry on its own.
    /// </summary>
    public async Task<(IReadOnlyList<Sha256Hash> Path, byte[] Entry)> InclusionWithEntryAsync(long leafIndex, long size, CancellationToken ct = default)
    {
        var (path, row) = await ComputeAsync(node => MerkleProofs.Inclusion(leafIndex, size, node), leafIndex, ct).ConfigureAwait(false);
        var entry = row is not null ? LogEntry.Encode(row) : (await EntriesAsync(leafIndex, leafIndex, ct).ConfigureAwait(false)) is [var only] ? only
            : throw new TreeIncompleteException($"The event of leaf {leafIndex} (sequence {leafIndex + 1}) is not in the log.");
        return (path, entry);
    }

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

    private async Task<T> ComputeAsync<T>(Func<Func<TreeNodeKey, Sha256Hash>, T> compute, CancellationToken ct) =>
        (await ComputeAsync(compute, -1, ct).ConfigureAwait(false)).Result;

    private async Task<(T Result, StoredEvent? Leaf)> ComputeAsync<T>(Func<Func<TreeNodeKey, Sha256Hash>, T> compute, long leaf, CancellationToken ct)
    {
        var keys = MerkleProofs.NodesFor(node => compute(node));
        var resolver = new TreeNodeResolver(k => tree.NodesAsync(k, ct), (after, limit) => tree.RowsAsync(after, limit, ct));
        var (nodes, leafRow) = await resolver.ResolveAsync([.. keys], leaf).ConfigureAwait(false);
        return (compute(k => nodes.TryGetValue(k, out var h) ? h
            : throw new TreeIncompleteException($"The log tree lacks node {k}: tree rows were removed or altered.")), leafRow);
    }
}
