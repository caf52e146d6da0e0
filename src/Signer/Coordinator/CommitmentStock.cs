using CcTsa.Crypto.Frost;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The nonce commitments each peer has reserved for this coordinator (public data), per epoch.
/// Each is handed out once (<see cref="Take"/> removes it), so no commitment is ever put in two
/// signing packages. Waiters are completed when a refill arrives.
/// Every request for commitments is numbered (<see cref="NextRequest"/>) and its answer carries the
/// number back: an answer to a request made before the stock of that peer or epoch was forgotten is
/// dropped, because it may come from the pool the forgetting was about (a refresh replaced it, the
/// peer restarted). Without this a batch still on the bus when a stale refusal made us forget would
/// refill the stock with the same dead commitments, and every retry would meet them again.
/// </summary>
public sealed class CommitmentStock
{
    private readonly object _gate = new();
    private readonly Dictionary<(NodeId Peer, int Epoch), Queue<SigningCommitments>> _stock = [];
    private readonly Dictionary<(NodeId Peer, int Epoch), List<TaskCompletionSource>> _waiters = [];
    private readonly ForgetMarks _forgotten = new();

    /// <summary>The number of a new request for commitments; its answer must carry it back.</summary>
    public long NextRequest() => _forgotten.Next();

    public int Count(NodeId peer, int epoch)
    {
        lock (_gate) return _stock.TryGetValue((peer, epoch), out var q) ? q.Count : 0;
    }

    /// <summary>
    /// Stocks the answer to request <paramref name="request"/>; false (nothing stocked) when the
    /// request predates the last <see cref="Forget"/> of the peer or <see cref="ForgetEpoch"/> of the epoch.
    /// </summary>
    public bool Add(NodeId peer, int epoch, long request, IEnumerable<SigningCommitments> commitments)
    {
        List<TaskCompletionSource>? waiters;
        lock (_gate)
        {
            if (_forgotten.Outdated(request, epoch, [peer])) return false;
            if (!_stock.TryGetValue((peer, epoch), out var q)) _stock[(peer, epoch)] = q = new Queue<SigningCommitments>();
            foreach (var c in commitments) q.Enqueue(c);
            _waiters.Remove((peer, epoch), out waiters);
        }
        if (waiters is not null) foreach (var w in waiters) w.TrySetResult();
        return true;
    }

    /// <summary>Takes exactly <paramref name="count"/> commitments, or none (null) if fewer are in stock.</summary>
    public IReadOnlyList<SigningCommitments>? Take(NodeId peer, int epoch, int count)
    {
        lock (_gate)
        {
            if (!_stock.TryGetValue((peer, epoch), out var q) || q.Count < count) return null;
            var taken = new SigningCommitments[count];
            for (int i = 0; i < count; i++) taken[i] = q.Dequeue();
            return taken;
        }
    }

    /// <summary>Completes when the next batch of commitments from <paramref name="peer"/> arrives.</summary>
    public Task NextRefillAsync(NodeId peer, int epoch, CancellationToken cancellationToken)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_waiters.TryGetValue((peer, epoch), out var list)) _waiters[(peer, epoch)] = list = [];
            list.Add(tcs);
        }
        return tcs.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets a peer's commitments (it restarted, refreshed or was excluded for cheating).</summary>
    public void Forget(NodeId peer)
    {
        lock (_gate)
        {
            _forgotten.ForgetPeer(peer);
            foreach (var key in _stock.Keys.Where(k => k.Peer == peer).ToList()) _stock.Remove(key);
        }
    }

    /// <summary>Forgets every commitment of an epoch (its shares changed by refresh or repair).</summary>
    public void ForgetEpoch(int epoch)
    {
        lock (_gate)
        {
            _forgotten.ForgetEpoch(epoch);
            foreach (var key in _stock.Keys.Where(k => k.Epoch == epoch).ToList()) _stock.Remove(key);
        }
    }
}
