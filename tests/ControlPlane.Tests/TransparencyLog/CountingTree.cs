using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.Tests.TransparencyLog;

/// <summary>A store's tree with its reads counted (each call is one query, one round trip on PostgreSQL).</summary>
internal sealed class CountingTree(ILogTree inner) : ILogTree
{
    public int Reads { get; set; }

    public Task<long> TreeSizeAsync(CancellationToken ct = default) => inner.TreeSizeAsync(ct);

    public Task<IReadOnlyDictionary<TreeNodeKey, Sha256Hash>> NodesAsync(IReadOnlyCollection<TreeNodeKey> keys, CancellationToken ct = default)
    {
        Reads++;
        return inner.NodesAsync(keys, ct);
    }

    public Task<IReadOnlyList<StoredEvent>> RowsAsync(long after, int limit, CancellationToken ct = default)
    {
        Reads++;
        return inner.RowsAsync(after, limit, ct);
    }
}
