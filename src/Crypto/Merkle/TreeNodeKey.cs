namespace CcTsa.Crypto.Merkle;

/// <summary>
/// A complete subtree: at <paramref name="Level"/> L, node <paramref name="Index"/> i covers the
/// 2^L leaves [i·2^L, (i+1)·2^L). Level 0 nodes are the leaf hashes. Only complete subtrees are
/// ever stored, so a stored node never changes once written (the tree grows to the right).
/// </summary>
public readonly record struct TreeNodeKey(int Level, long Index)
{
    public long FirstLeaf => Index << Level;

    public long Width => 1L << Level;

    public override string ToString() => $"({Level},{Index})";
}
