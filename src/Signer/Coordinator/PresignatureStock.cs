namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The coordinator's book of presignatures ready for each signer subset (itself + t−1 peers), per
/// epoch: signature ids only (public), each handed out once. A subset's presignatures serve only
/// that subset (the DKLs23 signer set is fixed in round 1). It also counts what became of them
/// (<see cref="Counts"/>), so a benchmark can tell presignatures made for nothing from those used.
/// Every presigning run is numbered when it starts (<see cref="NextRun"/>): a run that started before
/// the stock of one of its peers or of its epoch was forgotten is not stocked when it ends, because
/// its presignatures may be the ones the forgetting was about (a peer that answered its last step and
/// then restarted; a refresh that replaced the coordinator's own share after its own last step, so
/// that every round taking those ids would fail on the coordinator itself).
/// </summary>
public sealed class PresignatureStock
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(int Epoch, string Subset), Queue<byte[]>> _stock = [];
    private readonly ForgetMarks _forgotten = new();
    private long _made, _taken, _discarded;

    /// <summary>Since this node started: presignatures stocked, handed to rounds, and dropped unused (peer restart, epoch change).</summary>
    public PresignatureCounts Counts
    {
        get { lock (_gate) return new PresignatureCounts(_made, _taken, _discarded, _stock.Values.Sum(q => q.Count)); }
    }

    public static string SubsetKey(IEnumerable<NodeId> peers) => string.Join(",", peers.OrderBy(p => p.Index).Select(p => p.Value));

    public int Count(int epoch, IReadOnlyList<NodeId> peers)
    {
        lock (_gate) return _stock.TryGetValue((epoch, SubsetKey(peers)), out var q) ? q.Count : 0;
    }

    /// <summary>The largest stock of any subset with <paramref name="peer"/> (what the subset selector ranks peers by).</summary>
    public int CountFor(NodeId peer, int epoch)
    {
        lock (_gate)
            return _stock.Where(s => s.Key.Epoch == epoch && s.Key.Subset.Split(',').Contains(peer.Value)).Select(s => s.Value.Count).DefaultIfEmpty(0).Max();
    }

    /// <summary>The number of a presigning run about to start; its ids are stocked under it.</summary>
    public long NextRun() => _forgotten.Next();

    /// <summary>
    /// Stocks the ids of run <paramref name="run"/>; false (none stocked, all counted as discarded) when the
    /// run started before the last <see cref="Forget"/> of one of its peers or <see cref="ForgetEpoch"/> of its epoch.
    /// </summary>
    public bool Add(int epoch, IReadOnlyList<NodeId> peers, long run, IEnumerable<byte[]> ids)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(ids);
        lock (_gate)
        {
            if (_forgotten.Outdated(run, epoch, peers))
            {
                var count = ids.Count();
                _made += count;
                _discarded += count;
                return false;
            }
            var key = (epoch, SubsetKey(peers));
            if (!_stock.TryGetValue(key, out var q)) _stock[key] = q = new Queue<byte[]>();
            foreach (var id in ids)
            {
                q.Enqueue(id);
                _made++;
            }
        }
        return true;
    }

    /// <summary>Exactly <paramref name="count"/> ids of the subset, or null (nothing taken) when fewer are in stock.</summary>
    public IReadOnlyList<byte[]>? Take(int epoch, IReadOnlyList<NodeId> peers, int count)
    {
        lock (_gate)
        {
            if (!_stock.TryGetValue((epoch, SubsetKey(peers)), out var q) || q.Count < count) return null;
            _taken += count;
            return [.. Enumerable.Range(0, count).Select(_ => q.Dequeue())];
        }
    }

    /// <summary>Forgets every subset with <paramref name="peer"/> (it restarted, so its presignatures are gone, or it misbehaved).</summary>
    public void Forget(NodeId peer)
    {
        lock (_gate)
        {
            _forgotten.ForgetPeer(peer);
            foreach (var key in _stock.Keys.Where(k => k.Subset.Split(',').Contains(peer.Value)).ToList()) Discard(key);
        }
    }

    /// <summary>Forgets an epoch's stock (its shares were replaced or discarded: every presignature is gone).</summary>
    public void ForgetEpoch(int epoch)
    {
        lock (_gate)
        {
            _forgotten.ForgetEpoch(epoch);
            foreach (var key in _stock.Keys.Where(k => k.Epoch == epoch).ToList()) Discard(key);
        }
    }

    private void Discard((int Epoch, string Subset) key)
    {
        _discarded += _stock[key].Count;
        _stock.Remove(key);
    }
}

