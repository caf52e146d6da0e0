using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Sharing;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Runs the DKLs23 pairwise setup (notes §4: base OTs both ways and the zero-share seed, two
/// messages each way) with every peer that holds the same threshold-ECDSA key share generation
/// (epoch and key sid), node to node over the bus (node-signed, replay-guarded like every protocol
/// kind), and keeps the result in the vault (<see cref="Vault.EcdsaEpochShare.AddPair"/>). It starts
/// when a share is stored (DKG, refresh, repair: <see cref="OnVaultChanged"/>) and when a peer comes
/// back with a new identity (<see cref="OnPeerAttested"/>: it restarted and lost its setups), and
/// retries with backoff while the peer does not finish. Both sides may offer at once: the lower node
/// id's offer wins. An offer for a key share this node does not hold (yet) is parked and answered
/// when the share arrives. Every heartbeat, <see cref="ReconcileAsync"/> restarts any setup with an
/// attested peer that nothing moves on any more, and every finished pair is announced at once, so the
/// control plane knows which signers can sign threshold ECDSA together (readiness waits for them).
/// The decisions are <see cref="PairSetupSteps"/>'; this class does the I/O.
/// </summary>
internal sealed class EcdsaSetupParticipant(NodeContext node, Func<CancellationToken, Task> announce)
    : IConsumer<EcdsaPairSetupOffered>, IConsumer<EcdsaPairSetupAnswered>, IPairChecks
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private readonly PairSetupSteps _steps = new(node, () => node.RunInBackground("announce", () => announce(node.Lifetime)));
    private readonly Dictionary<NodeId, byte[]> _peerKeys = [];
    private readonly Dictionary<(int Epoch, NodeId Peer), DateTimeOffset> _redone = [];
    private readonly PairTagStrikes _strikes = new();

    /// <summary>A new share of <paramref name="epoch"/> (or its removal): set up every missing pair, answer parked offers.</summary>
    public void OnVaultChanged(int epoch) => node.RunInBackground("ecdsa pair setup", async () =>
    {
        ForgetDroppedEpochs();
        foreach (var peer in _steps.MissingPairs(epoch)) await StartAsync(epoch, peer, force: false, FirstRetry).ConfigureAwait(false);
        foreach (var offer in _steps.TakeParked(epoch)) await AnswerAsync(offer).ConfigureAwait(false);
    });

    /// <summary>
    /// Pair bookkeeping of epochs the vault no longer holds (offer numbering, unfinished attempts,
    /// tag strikes, redo times) would only grow: nothing of theirs is ever set up or redone again.
    /// </summary>
    private void ForgetDroppedEpochs()
    {
        _steps.ForgetDroppedEpochs();
        _strikes.ForgetEpochsWhere(e => !node.Vault.Holds(e));
        lock (_redone) foreach (var slot in _redone.Keys.Where(k => !node.Vault.Holds(k.Epoch)).ToList()) _redone.Remove(slot);
    }

    /// <summary>A peer (re)attested: when its node key changed it restarted and lost every setup with this node.</summary>
    public void OnPeerAttested(NodeId peer)
    {
        var key = node.Peers.SigningKey(peer);
        bool restarted;
        lock (_peerKeys)
        {
            restarted = key is not null && _peerKeys.TryGetValue(peer, out var old) && !old.AsSpan().SequenceEqual(key);
            if (key is not null) _peerKeys[peer] = key;
        }
        node.RunInBackground("ecdsa pair setup", async () =>
        {
            if (restarted)
            {
                _steps.ForgetPeer(peer);
                _strikes.Forget(peer);
                // a stale pair must not be offered for signing while the new setup runs
                foreach (var epoch in _steps.HeldEpochs()) DropPair(epoch, peer);
            }
            foreach (var epoch in _steps.HeldEpochs())
                if (restarted || _steps.MissingPairs(epoch).Contains(peer)) await StartAsync(epoch, peer, force: restarted, FirstRetry).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// A presign run's OT-extension check against <paramref name="peer"/> failed on this node although
    /// its pair tag matched ours: the peer deviated and is named by the run. The pair is still dropped
    /// and set up afresh (runs with the peer are refused until it is redone, not failed); a cheating
    /// peer only gets a re-setup per <see cref="SignerNodeOptions.PairRedoAtMostEvery"/>, and the coordinator leaves it out.
    /// </summary>
    public void OnPairCheckFailed(int epoch, NodeId peer) => Redo(epoch, peer, "failed an OT-extension check");

    /// <summary>
    /// <paramref name="peer"/>'s round-1 pair tag differs from ours: the two sides hold pairs of
    /// different setups (the last answer of a re-setup was lost, so one side kept the old pair and the
    /// other took the new one), which would fail every run together while each side holds "a" pair.
    /// Nobody is blamed: the pair is dropped and set up afresh — the peer, seeing the same mismatch,
    /// offers too and the lower node id's offer wins. Only a mismatch that outlasts the fresh setups an
    /// honest peer needs (<see cref="PairTagStrikes"/>) names the peer.
    /// </summary>
    public bool OnPairsDiffer(int epoch, NodeId peer, string setupTag)
    {
        var setups = _strikes.Mismatched(epoch, peer, setupTag);
        var named = PairTagStrikes.Persists(setups);
        if (named) SignerLog.EcdsaPairTagPersists(node.Logger, node.Id, peer, epoch, setups);
        Redo(epoch, peer, "holds a pair from another setup than the peer's");
        return named;
    }

    public void OnPairsMatched(int epoch, NodeId peer) => _strikes.Matched(epoch, peer);

    private void Redo(int epoch, NodeId peer, string why)
    {
        var now = node.Options.Time.GetUtcNow();
        lock (_redone)
        {
            if (_redone.TryGetValue((epoch, peer), out var last) && now - last < node.Options.PairRedoAtMostEvery) return;
            _redone[(epoch, peer)] = now;
        }
        SignerLog.EcdsaPairRedone(node.Logger, node.Id, peer, epoch, why);
        node.RunInBackground("ecdsa pair setup", async () =>
        {
            DropPair(epoch, peer);
            await StartAsync(epoch, peer, force: true, FirstRetry).ConfigureAwait(false);
        });
    }

    /// <summary>Forgets this node's pair with <paramref name="peer"/>: runs with it are refused until a setup redoes it.</summary>
    private void DropPair(int epoch, NodeId peer) =>
        node.Vault.Use(epoch, s => { s.Ecdsa?.RemovePair(ParticipantId.FromNode(peer)); return true; }, out _);

    /// <summary>The peers this node can sign threshold ECDSA with for <paramref name="epoch"/> (null without an ECDSA share).</summary>
    public IReadOnlyList<NodeId>? PairedPeers(int epoch) => _steps.PairedPeers(epoch);

    /// <summary>Heartbeat tick: offers afresh to every attested peer whose setup is missing and stalled.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var attested = node.Peers.AttestedNodes();
        foreach (var epoch in _steps.HeldEpochs())
            foreach (var peer in _steps.Stalled(epoch, node.Options.PairSetupStalledAfter).Where(attested.Contains))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await StartAsync(epoch, peer, force: true, FirstRetry).ConfigureAwait(false);
            }
    }

    public async Task Consume(ConsumeContext<EcdsaPairSetupOffered> context)
    {
        var m = context.Message;
        if (node.Killed || m.To != node.Id || m.From == node.Id || !node.Accepts(m.From, nameof(EcdsaPairSetupOffered))) return;
        await AnswerAsync(m).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<EcdsaPairSetupAnswered> context)
    {
        var m = context.Message;
        if (node.Killed || m.To != node.Id || m.From == node.Id || !node.Accepts(m.From, nameof(EcdsaPairSetupAnswered))) return;
        _steps.Finish(m);
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async Task AnswerAsync(EcdsaPairSetupOffered offer)
    {
        var (reply, answer) = _steps.Answer(offer);
        // typed sends: the contract type names the message on the bus
        if (reply is not null) await node.Messenger.SendAsync(offer.From, reply, node.Lifetime).ConfigureAwait(false);
        if (answer is not null) await node.Messenger.SendAsync(offer.From, answer, node.Lifetime).ConfigureAwait(false);
    }

    /// <summary>
    /// Offers a setup; when the peer has not moved it on for <paramref name="wait"/>, offers again
    /// (backoff) while the share is held. A peer still computing (slow, not silent) is waited for.
    /// </summary>
    private async Task StartAsync(int epoch, NodeId peer, bool force, TimeSpan wait)
    {
        if (_steps.Offer(epoch, peer, force) is not { } offer) return;
        // watched before it is sent: a send that throws (a broker hiccup under load) is retried like a
        // lost offer instead of leaving an attempt "under way" that nothing ever moves on again
        node.RunInBackground("ecdsa pair setup retry", () => WatchAsync(epoch, peer, offer.Attempt, wait));
        await node.Messenger.SendAsync(peer, offer, node.Lifetime).ConfigureAwait(false);
    }

    private async Task WatchAsync(int epoch, NodeId peer, Guid attempt, TimeSpan wait)
    {
        while (!node.Killed)
        {
            await Task.Delay(wait, node.Options.Time, node.Lifetime).ConfigureAwait(false);
            if (_steps.Pending(epoch, peer, attempt) is not { } progressed) return;
            if (node.Options.Time.GetUtcNow() - progressed < wait) continue;
            await StartAsync(epoch, peer, force: true, wait * 2 < LastRetry ? wait * 2 : LastRetry).ConfigureAwait(false);
            return;
        }
    }
}
