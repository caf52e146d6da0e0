using CcTsa.Crypto.Dkls23.Sign;

namespace CcTsa.Signer.Vault;

/// <summary>
/// This node's finished threshold-ECDSA presignatures of one epoch, by signature id, each bound to
/// the coordinator whose run made it. <see cref="Take"/> removes a presignature before anyone can
/// use it, so one id answers at most one digest: a replayed id finds nothing. Lives in the epoch's
/// <see cref="EcdsaEpochShare"/> (memory only), so a restart, refresh or discard of the epoch wipes
/// every presignature with it. Bounded: a full store refuses new ones instead of growing.
/// </summary>
public sealed class PresignatureStore : IDisposable
{
    /// <summary>Most unused presignatures per epoch (each holds three scalars in sodium memory).</summary>
    public const int Capacity = 2048;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (NodeId Coordinator, Presignature Presignature)> _ready = new(StringComparer.Ordinal);
    private bool _disposed;

    public int Count
    {
        get { lock (_gate) return _ready.Count; }
    }

    /// <summary>Keeps <paramref name="presignature"/> for <paramref name="coordinator"/>; false (and wiped) when full, disposed or a duplicate id.</summary>
    public bool Add(NodeId coordinator, Presignature presignature)
    {
        ArgumentNullException.ThrowIfNull(presignature);
        lock (_gate)
        {
            var key = Key(presignature.Id);
            if (_ready.TryGetValue(key, out var held) && ReferenceEquals(held.Presignature, presignature)) return false;   // already kept: leave it
            if (!_disposed && _ready.Count < Capacity && _ready.TryAdd(key, (coordinator, presignature))) return true;
        }
        presignature.Dispose();
        return false;
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
            _ready.Remove(key);
            return entry.Presignature;
        }
    }

    /// <summary>
    /// Wipes every presignature <paramref name="coordinator"/>'s runs made (it restarted: its stock of
    /// their ids is gone, so none will ever be asked for). Without this they sat in the bounded store
    /// for good, and after enough restarts the full store failed every run this node joined — an
    /// honest participant left out of every subset. Returns how many were wiped.
    /// </summary>
    public int Forget(NodeId coordinator)
    {
        List<Presignature> wiped;
        lock (_gate)
        {
            var keys = _ready.Where(e => e.Value.Coordinator == coordinator).Select(e => e.Key).ToList();
            wiped = [.. keys.Select(k => _ready[k].Presignature)];
            foreach (var k in keys) _ready.Remove(k);
        }
        foreach (var p in wiped) p.Dispose();
        return wiped.Count;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var (_, p) in _ready.Values) p.Dispose();
            _ready.Clear();
        }
    }

    private static string Key(IReadOnlyList<byte> id) => Convert.ToHexString([.. id]);

    public override string ToString() => $"PresignatureStore({Count}, [redacted])";
}
