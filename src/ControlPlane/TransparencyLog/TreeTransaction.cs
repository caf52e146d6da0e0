using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// A store's tree reads and writes inside one open append transaction (its append lock held):
/// all <see cref="LogTreeAppender"/> needs to reload its frontier and to build missing rows, so the
/// planning and the build-on-open loop are written once for both stores.
/// </summary>
/// <param name="Blocks">the stored complete-block count (level-4 rows).</param>
/// <param name="RowsAfter">at most <c>limit</c> raw event rows with sequence &gt; <c>after</c>, in order.</param>
/// <param name="Nodes">the stored subtrees among the keys (missing ones absent).</param>
/// <param name="Insert">writes tree rows in this transaction.</param>
public sealed record TreeTransaction(
    Func<Task<long>> Blocks,
    Func<long, int, Task<IReadOnlyList<StoredEvent>>> RowsAfter,
    Func<IReadOnlyCollection<TreeNodeKey>, Task<IReadOnlyDictionary<TreeNodeKey, Sha256Hash>>> Nodes,
    Func<IReadOnlyList<(TreeNodeKey Key, Sha256Hash Hash)>, Task> Insert);
