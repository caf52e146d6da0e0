using CcTsa.Contracts.Hashing;

namespace CcTsa.Crypto.Merkle;

/// <summary>
/// The client side of RFC 9162: inclusion (§2.1.3.2) and consistency (§2.1.4.2) verification,
/// written from the RFC's step lists (bit arithmetic over the leaf index and the tree size), not
/// from <see cref="MerkleProofs"/>, so a bug in one is not silently mirrored by the other.
/// A proof that does not verify is a <c>false</c>, never an exception.
/// </summary>
public static class MerkleVerifier
{
    public static bool VerifyInclusion(long leafIndex, long treeSize, Sha256Hash leafHash, IReadOnlyList<Sha256Hash> path, Sha256Hash root)
    {
        if (leafIndex < 0 || leafIndex >= treeSize) return false;
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r == root;
    }

    public static bool VerifyConsistency(long first, long second, Sha256Hash firstRoot, Sha256Hash secondRoot, IReadOnlyList<Sha256Hash> proof)
    {
        if (first < 1 || first > second) return false;
        if (first == second) return proof.Count == 0 && firstRoot == secondRoot;
        if (proof.Count == 0) return false;
        var path = new List<Sha256Hash>(proof.Count + 1);
        if ((first & (first - 1)) == 0) path.Add(firstRoot);
        path.AddRange(proof);
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return fr == firstRoot && sr == secondRoot && sn == 0;
    }
}
