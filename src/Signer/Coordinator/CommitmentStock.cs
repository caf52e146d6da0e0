using CcTsa.Crypto.Frost;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The nonce commitments each peer has reserved for this coordinator (public data), per epoch.
/// Each is handed out once (<see cref="Take"/> removes it), so no commitment is ever put in two
/// signing packages. Waiters are completed when a refill arrives.
/// </summary>
public sealed class CommitmentStock
{
    private readonly object _gate = new();
    private readonly Dictionary<(NodeId Peer, int Epoch), Queue<SigningCommitments>> _stock = [];
    private readonly Dictionary<(NodeId Peer, int Epoch), List<TaskCompletionSource>> _waiters = [];

    public int Count(NodeId peer, int epoch)
    {
        lock (_gate) return _stock.TryGetValue((peer, epoch), out var q) ? q.Count : 0;
    }

    public void Add(NodeId peer, int epoch, IEnumerable<SigningCommitments> commitments)
    {
        List<TaskCompletionSource>? waiters;
        lock (_gate)
        {
            if (!_stock.TryGetValue((peer, epoch), out var q)) _stock[(peer, epoch)] = q = new Queue<SigningCommitments>();
            foreach (var c in commitments) q.Enqueue(c);
            _waiters.Remove((peer, epoch), out waiters);
        }
        if (waiters is not null) foreach (var w in waiters) w.TrySetResult();
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
            foreach (var key in _stock.Keys.Where(k => k.Peer == peer).ToList()) _stock.Remove(key);
    }

    /// <summary>Forgets every commitment of an epoch (its shares changed by refresh or repair).</summary>
    public void ForgetEpoch(int epoch)
    {
        lock (_gate)
            foreach (var key in _stock.Keys.Where(k => k.Epoch == epoch).ToList()) _stock.Remove(key);
    }
}
