using CcTsa.Contracts.Hashing;

namespace CcTsa.Crypto.Merkle;

/// <summary>
/// The right edge of a growing tree: for each set bit L of the size, the hash of the complete
/// subtree of 2^L leaves there. Appending a leaf completes every subtree it closes; those new
/// nodes (the leaf itself included) are what a store writes, so a store holds each complete
/// subtree exactly once and never rewrites a row. Not thread-safe: one writer per store.
/// The edge is kept as raw digests and nodes are turned into <see cref="Sha256Hash"/> values only
/// when reported: a store asks only for its stored levels, so the ≈ 15 of 16 hashes below them
/// never pay for a hex round trip.
/// </summary>
public sealed class MerkleFrontier
{
    private const int Levels = 64;
    private const int Size32 = Sha256Hash.Size;

    // level L's digest at [L·32, L·32 + 32), meaningful when bit L of Size is set
    private readonly byte[] _edge = new byte[Levels * Size32];

    public long Size { get; private set; }

    /// <summary>The frontier of a tree of <paramref name="size"/> leaves, reading its right-edge nodes.</summary>
    public static MerkleFrontier Load(long size, Func<TreeNodeKey, Sha256Hash> node)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(node);
        var f = new MerkleFrontier { Size = size };
        foreach (var key in EdgeOf(size)) node(key).CopyTo(f.Slot(key.Level));
        return f;
    }

    /// <summary>The right-edge nodes <see cref="Load"/> reads for a tree of <paramref name="size"/> leaves.</summary>
    public static IReadOnlyList<TreeNodeKey> EdgeOf(long size)
    {
        var keys = new List<TreeNodeKey>();
        for (var level = 0; size >> level > 0; level++)
            if ((size >> level & 1) == 1) keys.Add(new TreeNodeKey(level, (size >> level) - 1));
        return keys;
    }

    /// <summary>An independent copy (a store plans an append on a copy and keeps it only once committed).</summary>
    public MerkleFrontier Clone()
    {
        var c = new MerkleFrontier { Size = Size };
        _edge.CopyTo(c._edge, 0);
        return c;
    }

    /// <summary>Adds leaf number <see cref="Size"/>; returns the nodes it completes, lowest level first.</summary>
    public IReadOnlyList<(TreeNodeKey Key, Sha256Hash Hash)> Append(Sha256Hash leafHash)
    {
        Span<byte> leaf = stackalloc byte[Size32];
        leafHash.CopyTo(leaf);
        var created = new List<(TreeNodeKey, Sha256Hash)>(2);
        Append(leaf, static _ => true, created);
        return created;
    }

    /// <summary>
    /// Adds leaf number <see cref="Size"/> from its raw digest, adding to <paramref name="created"/>
    /// the nodes it completes at the levels <paramref name="report"/> accepts, lowest level first
    /// (a store asks only for the levels it keeps, so the others never become hex values).
    /// </summary>
    public void Append(ReadOnlySpan<byte> leafDigest, Func<int, bool> report, ICollection<(TreeNodeKey Key, Sha256Hash Hash)> created)
    {
        if (leafDigest.Length != Size32) throw new ArgumentException($"A leaf hash is {Size32} bytes, got {leafDigest.Length}.", nameof(leafDigest));
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(created);
        if (Size == long.MaxValue) throw new InvalidOperationException("The tree is full.");
        var index = Size;
        Span<byte> carry = stackalloc byte[Size32];
        leafDigest.CopyTo(carry);
        if (report(0)) created.Add((new TreeNodeKey(0, index), Sha256Hash.FromBytes(carry)));
        var level = 0;
        // each set low bit of the old size is a left sibling waiting for exactly this right half
        while ((index >> level & 1) == 1)
        {
            MerkleHash.Node(Slot(level), carry, carry);
            level++;
            if (report(level)) created.Add((new TreeNodeKey(level, index >> level), Sha256Hash.FromBytes(carry)));
        }
        carry.CopyTo(Slot(level));
        Size = index + 1;
    }

    /// <summary>The root hash of the current tree (MTH over all leaves appended).</summary>
    public Sha256Hash Root()
    {
        if (Size == 0) return MerkleHash.Empty;
        Span<byte> acc = stackalloc byte[Size32];
        var any = false;
        for (var level = 0; level < Levels; level++)
        {
            if ((Size >> level & 1) == 0) continue;
            if (any) MerkleHash.Node(Slot(level), acc, acc);
            else Slot(level).CopyTo(acc);
            any = true;
        }
        return Sha256Hash.FromBytes(acc);
    }

    private Span<byte> Slot(int level) => _edge.AsSpan(level * Size32, Size32);
}
