using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// Which subtrees the stores keep: only levels that are positive multiples of
/// <see cref="LevelStride"/> (4, 8, 12, …), i.e. one row per complete block of
/// <see cref="BlockWidth"/> leaves plus one per 256, per 4,096, … (≈ 1/15 row per event). Fewer
/// levels mean fewer rows and, since rows are keyed by (level, idx), fewer B-tree pages an append
/// dirties (one right edge per stored level), which is what the tree cost a SQLite commit.
/// A node below level 4 lies inside one block and is recomputed from that block's events (one range
/// read of ≤ 16 rows); a node between two stored levels from its ≤ 8 descendants at the stored level
/// below it (<see cref="TreeNodeResolver"/>). The events are the truth, the rows only spare a rescan.
/// A log written when more levels were stored (all levels, or every level ≥ 4) reads the same: its
/// extra rows are simply never consulted.
/// </summary>
public static class TreeLayout
{
    public const int LowestStoredLevel = 4;

    /// <summary>Stored levels are the multiples of this (≥ <see cref="LowestStoredLevel"/>).</summary>
    public const int LevelStride = 4;

    public const long BlockWidth = 1L << LowestStoredLevel;

    public static bool IsStored(TreeNodeKey key) => IsStoredLevel(key.Level);

    public static bool IsStoredLevel(int level) => level >= LowestStoredLevel && level % LevelStride == 0;

    /// <summary>The highest stored level ≤ <paramref name="level"/> (≥ <see cref="LowestStoredLevel"/>).</summary>
    public static int StoredLevelBelow(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, LowestStoredLevel);
        return level - level % LevelStride;
    }

    /// <summary>Complete blocks in a tree of <paramref name="size"/> leaves (= stored level-4 nodes).</summary>
    public static long CompleteBlocks(long size) => size / BlockWidth;

    /// <summary>
    /// The size of the tree a store's rows stand for, given its event head and its complete-block
    /// row count (both read in one statement): the head when the rows cover every complete block
    /// of it (the partial last block comes from the events), else only the blocks stored (a log
    /// whose tree is still being built, or whose rows were removed). More blocks than the head has
    /// means events were removed behind the triggers: the tree covers the head's events no further.
    /// </summary>
    public static long SizeOf(long headSequence, long storedBlocks) =>
        storedBlocks >= CompleteBlocks(headSequence) ? headSequence : storedBlocks * BlockWidth;
}
