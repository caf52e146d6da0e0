using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Frost;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Keeps a stock of every peer's commitments on the coordinator, so that a signing round is one
/// round trip: a round takes what it needs and a refill is asked for in the background when the
/// stock runs low. Only when a peer has too few does the round wait for a refill (two trips).
/// </summary>
internal sealed class NonceSupply(NodeContext node)
{
    private readonly ConcurrentDictionary<(NodeId, int), byte> _inFlight = new();

    /// <summary>
    /// Stores commitments a peer issued to this coordinator (malformed or foreign ones are dropped, and
    /// a whole answer to a request made before the stock was forgotten: <see cref="CommitmentStock"/>).
    /// </summary>
    public void Received(NonceCommitmentsIssued issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var expected = Crypto.Sharing.ParticipantId.FromNode(issued.Participant);
        var parsed = new List<SigningCommitments>(issued.Commitments.Count);
        foreach (var bytes in issued.Commitments)
            if (SigningCommitments.FromBytes(bytes).TryGet(out var c, out _) && c.Identifier == expected) parsed.Add(c);
        _inFlight.TryRemove((issued.Participant, issued.Epoch.Number), out _);
        if (!node.Stock.Add(issued.Participant, issued.Epoch.Number, issued.Request, parsed))
            SignerLog.CommitmentsOutdated(node.Logger, node.Id, issued.Participant, issued.Epoch.Number, parsed.Count);
    }

    /// <summary>
    /// The peer will not issue more now (this node's quota there is used up): the request is no
    /// longer in flight, and the stock already held is what this node has to work with. Waiters are
    /// not woken: a retry would only be refused again until commitments are used or expire.
    /// </summary>
    public void Refused(NonceCommitmentsRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        _inFlight.TryRemove((refused.Participant, refused.Epoch.Number), out _);
        SignerLog.CommitmentsDenied(node.Logger, node.Id, refused.Participant, refused.Epoch.Number, refused.Reason);
    }

    /// <summary>
    /// Takes <paramref name="count"/> commitments of <paramref name="peer"/>, waiting up to the round
    /// timeout for a refill when the stock is short. Null when the peer did not deliver in time.
    /// </summary>
    public async Task<IReadOnlyList<SigningCommitments>?> TakeAsync(NodeId peer, int epoch, int count, CancellationToken cancellationToken)
    {
        var taken = node.Stock.Take(peer, epoch, count);
        if (taken is null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(node.Options.RoundTimeout);
            while (taken is null && !timeout.IsCancellationRequested)
            {
                var refill = node.Stock.NextRefillAsync(peer, epoch, timeout.Token);
                await RequestAsync(peer, epoch, Math.Max(count, node.Options.CommitmentBatch), force: true, cancellationToken).ConfigureAwait(false);
                try { await refill.ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { break; }
                taken = node.Stock.Take(peer, epoch, count);
            }
        }
        if (node.Stock.Count(peer, epoch) < node.Options.CommitmentBatch / 2)
            await RequestAsync(peer, epoch, node.Options.CommitmentBatch, force: false, cancellationToken).ConfigureAwait(false);
        return taken;
    }

    /// <summary>Asks every attested peer for an initial stock (after a key epoch becomes usable).</summary>
    public async Task PrimeAsync(int epoch, CancellationToken cancellationToken)
    {
        foreach (var peer in node.Peers.AttestedNodes())
            if (node.Stock.Count(peer, epoch) < node.Options.CommitmentBatch / 2)
                await RequestAsync(peer, epoch, node.Options.CommitmentBatch, force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets outstanding refills of a peer (it restarted or is gone).</summary>
    public void Reset(NodeId peer)
    {
        foreach (var key in _inFlight.Keys.Where(k => k.Item1 == peer).ToList()) _inFlight.TryRemove(key, out _);
        node.Stock.Forget(peer);
    }

    private async Task RequestAsync(NodeId peer, int epoch, int count, bool force, CancellationToken cancellationToken)
    {
        if (!_inFlight.TryAdd((peer, epoch), 0) && !force) return;
        if (!await node.Messenger.SendAsync(peer, new RequestNonceCommitments(node.Id, peer, new KeyEpoch(epoch), count, node.Stock.NextRequest()), cancellationToken).ConfigureAwait(false))
            _inFlight.TryRemove((peer, epoch), out _);
    }
}
