using CcTsa.Crypto.Dkls23.Sign;

namespace CcTsa.Signer.Vault;

/// <summary>
/// This node's finished threshold-ECDSA presignatures of one epoch, by signature id, each bound to
/// the coordinator whose run made it. <see cref="Take"/> removes a presignature before anyone can
/// use it, so one id answers at most one digest: a replayed id finds nothing. Lives in the epoch's
/// <see cref="EcdsaEpochShare"/> (memory only), so a restart, refresh or discard of the epoch wipes
/// every presignature with it. Bounded twice: each coordinator's runs get at most
/// <see cref="PerCoordinator"/> places, and a run that would go beyond wipes that coordinator's oldest
/// presignatures (its stock forgot them — a run it discarded as outdated, a restock — or it asks for
/// them last; either way only its own rounds can be hurt, and they restock); the whole store refuses
/// new ones at <see cref="Capacity"/> instead of growing. Without the per-coordinator bound the ids a
/// coordinator dropped stayed here for good and, once the store was full, every run this node joined
/// failed, for every coordinator: an honest participant left out of every subset.
/// </summary>
public sealed class PresignatureStore : IDisposable
{
    /// <summary>Most unused presignatures per epoch (each holds three scalars in sodium memory).</summary>
    public const int Capacity = 2048;

    /// <summary>Most unused presignatures of one coordinator's runs: the capacity shared by the five nodes that can coordinate.</summary>
    public const int PerCoordinator = Capacity / 5;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (NodeId Coordinator, long Order, Presignature Presignature)> _ready = new(StringComparer.Ordinal);
    private readonly Dictionary<NodeId, int> _held = [];
    private long _added;
    private bool _disposed;

    public int Count
    {
        get { lock (_gate) return _ready.Count; }
    }

    /// <summary>
    /// Keeps <paramref name="presignature"/> for <paramref name="coordinator"/>, wiping that coordinator's
    /// oldest one when it already holds <see cref="PerCoordinator"/>; false (and wiped) when the store is
    /// full, disposed or the id a duplicate.
    /// </summary>
    public bool Add(NodeId coordinator, Presignature presignature)
    {
        ArgumentNullException.ThrowIfNull(presignature);
        Presignature? evicted = null;
        var kept = false;
        lock (_gate)
        {
            var key = Key(presignature.Id);
            if (_ready.TryGetValue(key, out var held) && ReferenceEquals(held.Presignature, presignature)) return false;   // already kept: leave it
            if (!_disposed && !_ready.ContainsKey(key))
            {
                if (_held.GetValueOrDefault(coordinator) >= PerCoordinator) evicted = RemoveOldest(coordinator);
                if (_ready.Count < Capacity)
                {
                    _ready.Add(key, (coordinator, ++_added, presignature));
                    _held[coordinator] = _held.GetValueOrDefault(coordinator) + 1;
                    kept = true;
                }
            }
        }
        evicted?.Dispose();
        if (!kept) presignature.Dispose();
        return kept;
    }

    /// <summary>Under the gate: removes the coordinator's earliest-added presignature (a scan, only when its share is full).</summary>
    private Presignature RemoveOldest(NodeId coordinator)
    {
        var oldest = _ready.Where(e => e.Value.Coordinator == coordinator).MinBy(e => e.Value.Order);
        Remove(oldest.Key, coordinator);
        return oldest.Value.Presignature;
    }

    private void Remove(string key, NodeId coordinator)
    {
        _ready.Remove(key);
        if (--_held[coordinator] == 0) _held.Remove(coordinator);
    }

    /// <summary>
    /// Removes and returns the presignature <paramref name="id"/> if <paramref name="coordinator"/>'s
    /// run made it; null otherwise (unknown, already used, or another coordinator's — left in place).
    /// </summary>
    public Presignature? Take(NodeId coordinator, IReadOnlyList<byte> id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            var key = Key(id);
            if (!_ready.TryGetValue(key, out var entry) || entry.Coordinator != coordinator) return null;
            Remove(key, coordinator);
            return entry.Presignature;
        }
    }

    /// <summary>
    /// Wipes every presignature <paramref name="coordinator"/>'s runs made (it restarted: its stock of
    /// their ids is gone, so none will ever be asked for). Without this they would hold the coordinator's
    /// places until its new runs pushed them out one by one. Returns how many were wiped.
    /// </summary>
    public int Forget(NodeId coordinator)
    {
        List<Presignature> wiped;
        lock (_gate)
        {
            var keys = _ready.Where(e => e.Value.Coordinator == coordinator).Select(e => e.Key).ToList();
            wiped = [.. keys.Select(k => _ready[k].Presignature)];
            foreach (var k in keys) Remove(k, coordinator);
        }
        foreach (var p in wiped) p.Dispose();
        return wiped.Count;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var (_, _, p) in _ready.Values) p.Dispose();
            _ready.Clear();
            _held.Clear();
        }
    }

    private static string Key(IReadOnlyList<byte> id) => Convert.ToHexString([.. id]);

    public override string ToString() => $"PresignatureStore({Count}, [redacted])";
}
