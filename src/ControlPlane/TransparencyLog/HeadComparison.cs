using CcTsa.Contracts.Hashing;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// The monitor's decision (pure): a later head must be at least as large and provably extend the
/// stored one (RFC 9162 consistency proof between the two roots); anything else is a rollback or a fork.
/// </summary>
public static class HeadComparison
{
    public static HeadVerdict Compare(SignedHead stored, SignedHead fetched, IReadOnlyList<Sha256Hash> proof)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(fetched);
        if (fetched.TreeSize < stored.TreeSize) return HeadVerdict.Rollback;
        if (stored.TreeSize == 0) return HeadVerdict.Consistent;
        return MerkleVerifier.VerifyConsistency(stored.TreeSize, fetched.TreeSize, stored.RootHash, fetched.RootHash, proof)
            ? HeadVerdict.Consistent : HeadVerdict.Fork;
    }
}
