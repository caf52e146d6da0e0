using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// The Merkle tree an event log keeps over its events (implemented by both stores, written in the
/// same transaction as the events it covers, so its size always equals the chain head's sequence).
/// Only the levels <see cref="TreeLayout"/> names are stored; lower nodes come from the events.
/// </summary>
public interface ILogTree
{
    /// <summary>Leaves covered (= events, see <see cref="TreeLayout.SizeOf"/>).</summary>
    Task<long> TreeSizeAsync(CancellationToken ct = default);

    /// <summary>The stored complete subtrees among <paramref name="keys"/> (missing ones are absent).</summary>
    Task<IReadOnlyDictionary<TreeNodeKey, Sha256Hash>> NodesAsync(IReadOnlyCollection<TreeNodeKey> keys, CancellationToken ct = default);

    /// <summary>At most <paramref name="limit"/> raw rows with sequence &gt; <paramref name="after"/>, in order (one bounded read: a block's events, a proof's entry).</summary>
    Task<IReadOnlyList<StoredEvent>> RowsAsync(long after, int limit, CancellationToken ct = default);
}
