using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// Which subtrees the stores keep: only levels ≥ <see cref="LowestStoredLevel"/>, i.e. one row per
/// complete block of <see cref="BlockWidth"/> leaves and above (≈ 1/8 row per event instead of 2).
/// Every lower node lies inside one block and is recomputed from that block's events (one range
/// read of ≤ 16 rows) — the events are the truth, the stored rows only spare a rescan. A log
/// written when every level was stored reads the same: its lower rows are simply never consulted.
/// </summary>
public static class TreeLayout
{
    public const int LowestStoredLevel = 4;

    public const long BlockWidth = 1L << LowestStoredLevel;

    public static bool IsStored(TreeNodeKey key) => key.Level >= LowestStoredLevel;

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
