using System.Collections.Concurrent;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// One relayed step of a multi-step run the coordinator drives (DKLs23 presigning, threshold
/// ML-DSA commit and reveal): the request goes to every peer, the coordinator answers its own part
/// meanwhile, and the peers' answers are awaited (<see cref="WaitAsync"/>). A peer that could not
/// be sent to or did not answer is marked timed out and listed as silent; what an answer means
/// (failures, culprits, shapes) is the protocol's, so it is left to the runner.
/// </summary>
internal sealed class StepExchange<TAnswer>(NodeContext node) where TAnswer : class
{
    private readonly ConcurrentDictionary<(RoundId Run, NodeId Peer, int Step), TaskCompletionSource<TAnswer>> _slots = new();

    /// <summary>Hands a peer's answer to the step waiting for it; an answer nobody waits for (late, replayed, unasked) is dropped.</summary>
    public void Deliver(RoundId run, NodeId peer, int step, TAnswer answer)
    {
        if (_slots.TryRemove((run, peer, step), out var slot)) slot.TrySetResult(answer);
    }

    /// <summary>Runs <paramref name="step"/> of <paramref name="run"/>: the peers' answers when all answered, else who was silent.</summary>
    public async Task<Answers<TOwn>> RunAsync<TRequest, TOwn>(RoundId run, int step, IReadOnlyList<NodeId> peers,
        Func<NodeId, TRequest> requestTo, Func<TOwn> answerOwn, CancellationToken cancellationToken)
        where TRequest : class
    {
        var waits = peers.ToDictionary(p => p, p => Expect(run, p, step));
        var silent = new List<NodeId>();
        foreach (var p in peers)
            if (!await node.Messenger.SendAsync(p, requestTo(p), cancellationToken).ConfigureAwait(false))
                silent.Add(p);
        // the coordinator's own part runs while the requests travel
        var own = answerOwn();
        await WaitAsync([.. waits.Values], peers, cancellationToken).ConfigureAwait(false);
        foreach (var p in peers) _slots.TryRemove((run, p, step), out _);
        silent.AddRange(peers.Where(p => !waits[p].IsCompletedSuccessfully && !silent.Contains(p)));
        foreach (var p in silent) node.Peers.MarkTimedOut(p);
        return new Answers<TOwn>(own, silent.Count > 0 ? null : peers.ToDictionary(p => p, p => waits[p].Result), silent);
    }

    /// <summary>Up to four round timeouts (<see cref="PeerAnswerWait"/>): a step computes more than a signing answer.</summary>
    private Task WaitAsync(Task<TAnswer>[] answers, IReadOnlyList<NodeId> peers, CancellationToken cancellationToken)
    {
        var spare = SparePeers.Any(SparePeers.StepViews(node.Id, node.Peers.Snapshot()), peers, SparePeers.NoneExcluded);
        return PeerAnswerWait.WaitAsync(answers, spare ? node.PeerDeadline.Current : node.Options.RoundTimeout, 4 * node.Options.RoundTimeout,
            PeerAnswerWait.ThreeTimesFirst, node.Options.Time, cancellationToken);
    }

    private Task<TAnswer> Expect(RoundId run, NodeId peer, int step)
    {
        var slot = new TaskCompletionSource<TAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _slots[(run, peer, step)] = slot;
        return slot.Task;
    }

    /// <summary>The coordinator's own answer, and every peer's (null when one was <paramref name="Silent"/>).</summary>
    public sealed record Answers<TOwn>(TOwn Own, Dictionary<NodeId, TAnswer>? FromPeers, IReadOnlyList<NodeId> Silent);
}
