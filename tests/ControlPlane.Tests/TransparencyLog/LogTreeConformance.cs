using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Tests.EventStore;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.Tests.TransparencyLog;

/// <summary>
/// The Merkle tree both stores keep over their events: it covers every event (written in the
/// append's own transaction), its root is the RFC 9162 root of the entries, a reopened log
/// continues it, and a log written before the tree existed gets its tree built on open.
/// </summary>
public abstract class LogTreeConformance : IAsyncLifetime
{
    protected abstract Task<IEventLog> OpenAsync();

    /// <summary>Removes the tree table as an old binary's log would lack it.</summary>
    protected abstract Task DropTreeAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The root recomputed from the events alone (frontier appends, property-tested against the RFC recursion).</summary>
    private static async Task<(long Size, Sha256Hash Root)> RootFromEventsAsync(IEventLog log)
    {
        var f = new MerkleFrontier();
        await foreach (var row in log.StoredAsync(0)) f.Append(MerkleHash.Leaf(LogEntry.Encode(row)));
        return (f.Size, f.Root());
    }

    private static async Task AssertTreeMatchesEventsAsync(IEventLog log)
    {
        var reader = new LogTreeReader(log, (ILogTree)log);
        var (size, root) = await RootFromEventsAsync(log);
        Assert.Equal((await log.HeadAsync()).Sequence, size);
        Assert.Equal(size, await reader.SizeAsync());
        Assert.Equal(root, await reader.RootAsync(size));
    }

    [Fact]
    public async Task Tree_covers_every_event_and_its_proofs_verify()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(SampleEvents.Scenario());
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => log.AppendAsync([SampleEvents.Token(i), SampleEvents.Attested(i % 5 + 1)])));
        await AssertTreeMatchesEventsAsync(log);

        var reader = new LogTreeReader(log, (ILogTree)log);
        var size = await reader.SizeAsync();
        var entries = await reader.EntriesAsync(0, size - 1);
        Assert.Equal(size, entries.Count);
        var root = await reader.RootAsync(size);
        foreach (var i in new long[] { 0, 1, size / 2, size - 1 })
            Assert.True(MerkleVerifier.VerifyInclusion(i, size, MerkleHash.Leaf(entries[(int)i]), await reader.InclusionAsync(i, size), root), $"leaf {i}");
        foreach (var m in new long[] { 1, 3, size / 2, size - 1, size })
            Assert.True(MerkleVerifier.VerifyConsistency(m, size, await reader.RootAsync(m), root, await reader.ConsistencyAsync(m, size)), $"from {m}");
    }

    [Fact]
    public async Task A_reopened_log_continues_the_same_tree()
    {
        Sha256Hash before;
        await using (var log = await OpenAsync())
        {
            await log.AppendAsync(SampleEvents.Scenario());
            before = await new LogTreeReader(log, (ILogTree)log).RootAsync(await ((ILogTree)log).TreeSizeAsync());
        }
        await using (var log = await OpenAsync())
        {
            var reader = new LogTreeReader(log, (ILogTree)log);
            var oldSize = await reader.SizeAsync();
            Assert.Equal(before, await reader.RootAsync(oldSize));
            for (var i = 0; i < 7; i++) await log.AppendAsync([SampleEvents.Token(i)]);
            await AssertTreeMatchesEventsAsync(log);
            var size = await reader.SizeAsync();
            Assert.True(MerkleVerifier.VerifyConsistency(oldSize, size, before, await reader.RootAsync(size), await reader.ConsistencyAsync(oldSize, size)));
        }
    }

    [Fact]
    public async Task A_log_without_tree_rows_gets_its_tree_built_on_open()
    {
        await using (var log = await OpenAsync())
            await log.AppendAsync(SampleEvents.Scenario());
        await DropTreeAsync();
        await using (var log = await OpenAsync())
        {
            await AssertTreeMatchesEventsAsync(log);
            await log.AppendAsync([SampleEvents.Token(1)]);
            await AssertTreeMatchesEventsAsync(log);
        }
    }

    [Fact]
    public async Task Tree_rows_are_append_only()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(SampleEvents.Scenario());
        await log.AppendAsync([.. Enumerable.Range(0, 16).Select(i => (object)SampleEvents.Token(i))]); // ≥ one block row
        var e = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(UpdateTreeSql));
        Assert.Contains(StoreErrors.AppendOnlyMarker, e.Message);
    }

    /// <summary>
    /// A log of the layout before <see cref="TreeLayout"/> (every level stored, levels 0–3 too)
    /// opens without migration, reads the same roots and proofs, and grows with block rows only.
    /// </summary>
    [Fact]
    public async Task A_log_of_the_all_levels_layout_opens_and_grows()
    {
        await using (var log = await OpenAsync())
            for (var i = 0; i < 5; i++) await log.AppendAsync([.. Enumerable.Range(0, 9).Select(j => (object)SampleEvents.Token(i * 9 + j))]);
        // the rows an old binary wrote below the stored levels, computed from the events
        var oldRows = 0;
        await using (var log = await OpenAsync())
        {
            var f = new MerkleFrontier();
            await foreach (var row in log.StoredAsync(0))
                foreach (var (key, hash) in f.Append(MerkleHash.Leaf(LogEntry.Encode(row))))
                    if (!TreeLayout.IsStored(key)) { await ExecuteAsync(InsertTreeRowSql(key, hash)); oldRows++; }
        }
        await using (var log = await OpenAsync())
        {
            await AssertTreeMatchesEventsAsync(log);
            await AssertProofsVerifyAsync(log, [1, 15, 16, 17, 44, 45]);
            for (var i = 0; i < 30; i++) await log.AppendAsync([SampleEvents.Token(100 + i)]);
            await AssertTreeMatchesEventsAsync(log);
            await AssertProofsVerifyAsync(log, [45, 46, 63, 64, 65, 75]);
            Assert.Equal(oldRows, await CountSql(UnstoredLevelsSql)); // the old rows stay, no new ones
        }
    }

    [Fact]
    public async Task Only_block_rows_are_written_and_proofs_verify_across_block_boundaries()
    {
        await using var log = await OpenAsync();
        var random = new Random(21);
        while ((await log.HeadAsync()).Sequence < 70)
            await log.AppendAsync([.. Enumerable.Range(0, random.Next(1, 12)).Select(j => (object)SampleEvents.Token(j))]);
        await AssertTreeMatchesEventsAsync(log);
        await AssertProofsVerifyAsync(log, [1, 2, 15, 16, 17, 31, 32, 33, 48, 64, 70]);
        Assert.Equal(0, await CountSql(UnstoredLevelsSql));
    }

    /// <summary>
    /// Levels between the stored ones (5–7, 9–11, …) are folded from the stored level below: roots,
    /// inclusion proofs (with their entry from the block read) and consistency proofs verify at sizes
    /// around 256 and 512, also after a reopen whose frontier edge (464 = 256 + 128 + 64 + 16
    /// leaves) lies mostly on unstored levels; only levels 4 and 8 get rows.
    /// </summary>
    [Fact]
    public async Task Unstored_levels_fold_from_stored_ones_across_a_reopen()
    {
        await using (var log = await OpenAsync())
            for (var done = 0; done < 470; done += 47)
                await log.AppendAsync([.. Enumerable.Range(done, 47).Select(j => (object)SampleEvents.Token(j))]);
        await using var reopened = await OpenAsync();
        for (var done = 470; done < 620; done += 50)
            await reopened.AppendAsync([.. Enumerable.Range(done, 50).Select(j => (object)SampleEvents.Token(j))]);
        await AssertTreeMatchesEventsAsync(reopened);
        Assert.Equal(0, await CountSql(UnstoredLevelsSql));
        var reader = new LogTreeReader(reopened, (ILogTree)reopened);
        var entries = await reader.EntriesAsync(0, 619);
        var leaves = entries.Select(e => MerkleHash.Leaf(e)).ToList();
        var roots = new List<Sha256Hash>();
        var f = new MerkleFrontier();
        foreach (var leaf in leaves) { f.Append(leaf); roots.Add(f.Root()); }
        var random = new Random(9162);
        foreach (var m in new long[] { 255, 256, 257, 464, 511, 512, 513, 620 })
        {
            Assert.Equal(roots[(int)m - 1], await reader.RootAsync(m));
            foreach (var i in new long[] { 0, m / 2, m - 1 }.Concat(Enumerable.Range(0, 12).Select(_ => random.NextInt64(m))))
            {
                var (path, entry) = await reader.InclusionWithEntryAsync(i, m);
                Assert.Equal(entries[(int)i], entry);
                Assert.True(MerkleVerifier.VerifyInclusion(i, m, leaves[(int)i], path, roots[(int)m - 1]), $"leaf {i} of {m}");
            }
            foreach (var k in new long[] { 1, m / 2, m }.Concat(Enumerable.Range(0, 12).Select(_ => random.NextInt64(1, m + 1))))
                Assert.True(MerkleVerifier.VerifyConsistency(k, m, roots[(int)k - 1], roots[(int)m - 1], await reader.ConsistencyAsync(k, m)), $"from {k} to {m}");
        }
    }

    /// <summary>
    /// An inclusion proof with its entry (what the API serves) reads the stored nodes once and the
    /// leaf's block once, the entry coming from that block: two store reads when the tree size is a
    /// whole number of blocks or the leaf lies in the last one, one more for the last partial block
    /// otherwise, and two for a lone last leaf (its entry read alone).
    /// </summary>
    [Fact]
    public async Task An_inclusion_proof_with_its_entry_takes_two_store_reads()
    {
        await using var log = await OpenAsync();
        for (var done = 0; done < 600; done += 100)
            await log.AppendAsync([.. Enumerable.Range(done, 100).Select(j => (object)SampleEvents.Token(j))]);
        var counting = new CountingTree((ILogTree)log);
        var reader = new LogTreeReader(log, counting);
        foreach (var (leaf, size, reads) in new (long, long, int)[] { (0, 592, 2), (300, 592, 2), (591, 592, 2), (599, 600, 2), (592, 593, 2), (0, 600, 3) })
        {
            var root = await reader.RootAsync(size);
            counting.Reads = 0;
            var (path, entry) = await reader.InclusionWithEntryAsync(leaf, size);
            Assert.Equal(reads, counting.Reads);
            Assert.Equal((await reader.EntriesAsync(leaf, leaf))[0], entry);
            Assert.True(MerkleVerifier.VerifyInclusion(leaf, size, MerkleHash.Leaf(entry), path, root), $"leaf {leaf} of {size}");
        }
    }

    /// <summary>
    /// The tree rows are written in the events' own transaction: when a batch's row cannot be
    /// written (here a row already sits at the block the batch completes), its events are not
    /// committed either, so the tree never falls behind the log it covers.
    /// </summary>
    [Fact]
    public async Task A_batch_whose_tree_row_fails_commits_none_of_its_events()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync([SampleEvents.Token(0)]);
        // behind the open log's back (its frontier in memory plans the row regardless)
        await ExecuteAsync(InsertTreeRowSql(new TreeNodeKey(TreeLayout.LowestStoredLevel, 0), MerkleHash.Empty));
        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync([.. Enumerable.Range(1, 15).Select(i => (object)SampleEvents.Token(i))]));
        Assert.Equal(1, (await log.HeadAsync()).Sequence);
        Assert.Single(await log.ReadAsync(0, 100));
    }

    /// <summary>Every leaf's inclusion proof and every smaller size's consistency proof, at each size, against roots from the entries.</summary>
    private static async Task AssertProofsVerifyAsync(IEventLog log, long[] sizes)
    {
        var reader = new LogTreeReader(log, (ILogTree)log);
        var entries = await reader.EntriesAsync(0, sizes.Max() - 1);
        var leaves = entries.Select(e => MerkleHash.Leaf(e)).ToList();
        var roots = new List<Sha256Hash>();
        var f = new MerkleFrontier();
        foreach (var leaf in leaves) { f.Append(leaf); roots.Add(f.Root()); }
        foreach (var m in sizes)
        {
            Assert.Equal(roots[(int)m - 1], await reader.RootAsync(m));
            for (var i = 0L; i < m; i++)
            {
                // the API's form: path and entry, the entry read with the leaf's block when the path reads one
                var (path, entry) = await reader.InclusionWithEntryAsync(i, m);
                Assert.Equal(entries[(int)i], entry);
                Assert.True(MerkleVerifier.VerifyInclusion(i, m, leaves[(int)i], path, roots[(int)m - 1]), $"leaf {i} of {m}");
            }
            for (var k = 1L; k <= m; k++)
                Assert.True(MerkleVerifier.VerifyConsistency(k, m, roots[(int)k - 1], roots[(int)m - 1], await reader.ConsistencyAsync(k, m)), $"from {k} to {m}");
        }
    }

    protected abstract string InsertTreeRowSql(TreeNodeKey key, Sha256Hash hash);

    protected abstract string UnstoredLevelsSql { get; }

    protected abstract Task<long> CountSql(string sql);

    protected abstract string UpdateTreeSql { get; }

    protected abstract Task ExecuteAsync(string sql);
}
