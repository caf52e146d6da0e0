using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// The one tree piece of both stores: given the head read under the append lock and the batch, the
/// subtree rows to insert in the same transaction (only the levels <see cref="TreeLayout"/> stores),
/// and the build of rows a log lacks when it is opened. The frontier is kept in memory between
/// batches and reloaded whenever the head is not where it left it (another control plane appended,
/// or a transaction rolled back): its stored right edge from the rows, the partial last block from
/// its events, so it never drifts from the log. A store talks to it only through
/// <see cref="TreeTransaction"/>.
/// </summary>
public sealed class LogTreeAppender
{
    /// <summary>Runs <c>work</c> in a new append transaction of the store (its lock held) and commits it.</summary>
    public delegate Task<T> InNewTransaction<T>(Func<TreeTransaction, Task<T>> work);

    // one delegate for every append (the frontier asks it about each level it completes)
    private static readonly Func<int, bool> StoredLevel = TreeLayout.IsStoredLevel;

    private MerkleFrontier? _frontier;

    /// <summary>
    /// The batch's leaf hashes and, from the in-memory frontier alone, its plan. Pure (reads the
    /// frontier, touches no store): a store runs it beside its event inserts, so the tree's hashing
    /// overlaps the store's work instead of following it.
    /// </summary>
    /// <param name="headSequence">the head read under the append lock; the batch's first event gets headSequence + 1.</param>
    public PreparedTree Prepare(long headSequence, DateTimeOffset now, IReadOnlyList<EncodedEvent> batch)
    {
        var leaves = LogEntry.LeafDigests(headSequence + 1, now, batch);
        return new PreparedTree(leaves, TryPlan(headSequence, leaves));
    }

    /// <summary>The plan of a prepared batch: its own when the frontier was at the head, else reloaded from <paramref name="tx"/>.</summary>
    public Task<TreeAppend> PlanAsync(long headSequence, PreparedTree prepared, TreeTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return prepared.Plan is { } plan ? Task.FromResult(plan) : PlanAsync(headSequence, prepared.Leaves, tx);
    }

    /// <summary>Keeps the frontier of a committed append (call only after the commit succeeded).</summary>
    public void Committed(TreeAppend append)
    {
        ArgumentNullException.ThrowIfNull(append);
        _frontier = append.After;
    }

    /// <summary>
    /// Builds the tree rows a log lacks (once, on open), <paramref name="chunk"/> events per
    /// transaction: a log written before the tree existed, or whose tree table was dropped. A log of
    /// the older all-levels layout has every block row already and builds nothing.
    /// </summary>
    /// <param name="chunk">events per transaction, whole blocks.</param>
    /// <returns>the events the built rows cover.</returns>
    public async Task<long> BuildAsync(InNewTransaction<(TreeAppend Plan, int Events)?> run, int chunk)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (chunk <= 0 || chunk % TreeLayout.BlockWidth != 0)
            throw new ArgumentOutOfRangeException(nameof(chunk), chunk, $"A build chunk is a positive multiple of {TreeLayout.BlockWidth} events.");
        var added = 0L;
        while (await run(tx => BuildChunkAsync(tx, chunk)).ConfigureAwait(false) is var (plan, events))
        {
            Committed(plan);
            added += events;
            if (events < chunk) break;
        }
        return added;
    }

    private async Task<(TreeAppend, int)?> BuildChunkAsync(TreeTransaction tx, int chunk)
    {
        var start = await tx.Blocks().ConfigureAwait(false) * TreeLayout.BlockWidth;
        var rows = await tx.RowsAfter(start, chunk).ConfigureAwait(false);
        // a partial last block needs no row: its nodes come from its events
        if (rows.Count < TreeLayout.BlockWidth) return null;
        var plan = await PlanAsync(start, LogEntry.LeafDigests(rows), tx).ConfigureAwait(false);
        await tx.Insert(plan.Nodes).ConfigureAwait(false);
        return (plan, rows.Count);
    }

    private TreeAppend? TryPlan(long headSequence, byte[] leafHashes) =>
        _frontier is { } f && f.Size == headSequence ? Extend(f.Clone(), leafHashes) : null;

    private async Task<TreeAppend> PlanAsync(long headSequence, byte[] leafHashes, TreeTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (TryPlan(headSequence, leafHashes) is { } fromMemory) return fromMemory;
        // events deleted behind the triggers leave tree rows beyond the head: the tree keeps them
        // as evidence and covers nothing new (heads stop), while the log still records the incident
        if (await tx.Blocks().ConfigureAwait(false) != TreeLayout.CompleteBlocks(headSequence)) return new TreeAppend([], null);
        var frontier = await LoadAsync(headSequence, tx).ConfigureAwait(false);
        return Extend(frontier, leafHashes);
    }

    /// <param name="leafHashes">raw leaf hashes, 32 bytes each.</param>
    private static TreeAppend Extend(MerkleFrontier frontier, byte[] leafHashes)
    {
        var count = leafHashes.Length / Sha256Hash.Size;
        var nodes = new List<(TreeNodeKey, Sha256Hash)>(count / 15 + 4);
        for (var i = 0; i < count; i++)
            frontier.Append(leafHashes.AsSpan(i * Sha256Hash.Size, Sha256Hash.Size), StoredLevel, nodes);
        return new TreeAppend(nodes, frontier);
    }

    private static async Task<MerkleFrontier> LoadAsync(long size, TreeTransaction tx)
    {
        // the right edge of the complete blocks: levels ≥ 4, stored or folded from stored ones
        // (TreeNodeResolver); the partial last block is re-appended from its events
        var aligned = TreeLayout.CompleteBlocks(size) * TreeLayout.BlockWidth;
        var edge = MerkleFrontier.EdgeOf(aligned);
        var (stored, _) = await new TreeNodeResolver(tx.Nodes, tx.RowsAfter).ResolveAsync(edge).ConfigureAwait(false);
        var frontier = MerkleFrontier.Load(aligned, k => stored.TryGetValue(k, out var h) ? h
            : throw new TreeIncompleteException($"The log tree lacks node {k} of the right edge of {aligned} leaves."));
        var tail = (int)(size - aligned);
        if (tail == 0) return frontier;
        var rows = await tx.RowsAfter(aligned, tail).ConfigureAwait(false);
        if (rows.Count != tail)
            throw new TreeIncompleteException($"The log holds {rows.Count} of the {tail} events after leaf {aligned} its tree of {size} leaves needs.");
        // fewer than a block: they complete no stored node, only the frontier moves
        Extend(frontier, LogEntry.LeafDigests(rows));
        return frontier;
    }
}
