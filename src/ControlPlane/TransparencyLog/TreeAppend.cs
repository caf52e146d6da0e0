using CcTsa.Contracts.Hashing;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>The tree rows one append transaction writes, and the frontier it leaves once committed (null: the tree disagrees with the log and is not extended).</summary>
public sealed record TreeAppend(IReadOnlyList<(TreeNodeKey Key, Sha256Hash Hash)> Nodes, MerkleFrontier? After);
