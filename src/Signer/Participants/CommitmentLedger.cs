namespace CcTsa.Signer.Participants;

/// <summary>
/// Who holds which unused nonce commitments of one epoch pool, and since when (pure bookkeeping:
/// no crypto, no clock of its own, not thread-safe — <see cref="NonceQuotas"/> locks around it).
/// Three bounds keep a coordinator, or a relay forging requests in coordinators' names, from
/// filling the pool and stopping everyone's signing (issue 13, M3):
/// <list type="bullet">
/// <item>a coordinator holds at most <c>quota</c> outstanding commitments;</item>
/// <item>commitments unused after <c>ttl</c> are expired and stop counting (the caller wipes their nonces);</item>
/// <item>all coordinators together hold at most <c>capacity − reserve</c>, so the node's own
/// coordination (which takes fresh nonces from the same pool) always finds <c>reserve</c> free.</item>
/// </list>
/// Keys are the commitments' serialized bytes as the coordinator will echo them back.
/// </summary>
internal sealed class CommitmentLedger
{
    private readonly int _quota;
    private readonly int _capacity;
    private readonly int _reserve;
    private readonly TimeSpan _ttl;
    private readonly Dictionary<string, (NodeId Coordinator, DateTimeOffset IssuedAt)> _live = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset IssuedAt)> _order = new();   // issue order, for expiry; released keys are skipped lazily
    private readonly Dictionary<NodeId, int> _outstanding = [];

    public CommitmentLedger(int quota, int capacity, int reserve, TimeSpan ttl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quota, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reserve, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, reserve + 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        (_quota, _capacity, _reserve, _ttl) = (quota, capacity, reserve, ttl);
    }

    public int Quota => _quota;

    /// <summary>Unused commitments all coordinators hold.</summary>
    public int Total => _live.Count;

    /// <summary>Unused commitments one coordinator holds.</summary>
    public int Outstanding(NodeId coordinator) => _outstanding.GetValueOrDefault(coordinator);

    /// <summary>
    /// How many of <paramref name="requested"/> commitments may be issued to <paramref name="coordinator"/>
    /// now: bounded by its quota and by the room left outside the reserve. Zero means refuse.
    /// </summary>
    public int Grantable(NodeId coordinator, int requested)
    {
        if (requested <= 0) return 0;
        var byQuota = _quota - Outstanding(coordinator);
        var byRoom = _capacity - _reserve - Total;
        return Math.Max(0, Math.Min(requested, Math.Min(byQuota, byRoom)));
    }

    /// <summary>Records commitments just issued to <paramref name="coordinator"/> (the caller issued at most <see cref="Grantable"/>).</summary>
    public void Issued(NodeId coordinator, IEnumerable<string> keys, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (!_live.TryAdd(key, (coordinator, at))) continue;   // fresh nonces never collide; stay consistent if they did
            _order.Enqueue((key, at));
            _outstanding[coordinator] = Outstanding(coordinator) + 1;
        }
        if (Total > _capacity - _reserve || Outstanding(coordinator) > _quota)
            throw new InvalidOperationException("More commitments issued than the ledger granted.");
    }

    /// <summary>A commitment was used in a round (or burned with a refused one): it no longer counts. False when it was not outstanding.</summary>
    public bool Release(string key)
    {
        if (!_live.Remove(key, out var entry)) return false;
        Decrement(entry.Coordinator);
        Compact();
        return true;
    }

    /// <summary>Removes and returns the commitments issued at or before <paramref name="now"/> − ttl; the caller wipes their nonces.</summary>
    public IReadOnlyList<string> Expire(DateTimeOffset now)
    {
        var expired = new List<string>();
        while (_order.TryPeek(out var head) && head.IssuedAt + _ttl <= now)
        {
            _order.Dequeue();
            // a key released (and, in theory, reissued later) is only expired under its own issue time
            if (_live.TryGetValue(head.Key, out var entry) && entry.IssuedAt == head.IssuedAt)
            {
                _live.Remove(head.Key);
                Decrement(entry.Coordinator);
                expired.Add(head.Key);
            }
        }
        return expired;
    }

    private void Decrement(NodeId coordinator)
    {
        var left = Outstanding(coordinator) - 1;
        if (left <= 0) _outstanding.Remove(coordinator);
        else _outstanding[coordinator] = left;
    }

    /// <summary>Released keys linger in the expiry queue; rebuild it when they outnumber the live ones, so memory follows the live set.</summary>
    private void Compact()
    {
        if (_order.Count <= 2 * _live.Count + 1024) return;
        var live = _order.Where(e => _live.TryGetValue(e.Key, out var v) && v.IssuedAt == e.IssuedAt).ToList();
        _order.Clear();
        foreach (var e in live) _order.Enqueue(e);
    }
}
