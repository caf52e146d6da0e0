using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// One signing attempt with a chosen subset: opens a scheme round over the prepared messages,
/// sends each peer ProduceSignatureShares for all of them at once (one round trip when the stock
/// holds their material), computes this node's shares meanwhile, then sorts the answers. A peer
/// that times out, is unreachable, refuses or sends malformed shares is excluded; a peer that
/// refused only because this node's stock of its material was stale is restocked and stays
/// eligible (its pool was replaced, e.g. by a refresh racing the restock).
/// How long it waits (<see cref="PeerAnswerWait.OneMoreFloor"/>): when the pipeline has a spare peer
/// to re-plan with, a silent peer is given up on at the adaptive peer deadline (<see cref="NodeContext.PeerDeadline"/>:
/// a few × the recent p99 of peers' answers, a few hundred milliseconds; one more after a late first
/// answer) — a dead peer then costs that, not the full <see cref="SignerNodeOptions.RoundTimeout"/>;
/// without a spare, the full round timeout (giving up would leave nothing to sign with).
/// </summary>
internal sealed class ThresholdRound(NodeContext node, IThresholdScheme scheme)
{
    /// <summary>
    /// Signs every message with this subset, in rounds of at most the scheme's item limit. An item a
    /// scheme rejected on its own (threshold ML-DSA's rejection sampling, no one at fault) is answered
    /// null: the pipeline stamps it again and runs it anew. The first round that fails for a reason
    /// that names peers or is fatal ends the attempt.
    /// </summary>
    public async Task<RoundOutcome> RunAsync(int epoch, string purpose, IReadOnlyList<PreparedMessage> messages, IReadOnlyList<NodeId> peers,
        bool canReplan, CancellationToken cancellationToken)
    {
        var signatures = new byte[]?[messages.Count];
        for (var from = 0; from < messages.Count; from += scheme.MaxItemsPerRound)
        {
            var chunk = messages.Skip(from).Take(scheme.MaxItemsPerRound).ToList();
            var outcome = await RunOnceAsync(epoch, purpose, chunk, peers, canReplan, cancellationToken).ConfigureAwait(false);
            if (outcome.Failure is { } failure) return failure;
            for (var k = 0; k < chunk.Count; k++) signatures[from + k] = outcome.Signed![k];
        }
        return RoundOutcome.Signed(signatures);
    }

    private async Task<(RoundOutcome? Failure, IReadOnlyList<byte[]?>? Signed)> RunOnceAsync(int epoch, string purpose, IReadOnlyList<PreparedMessage> messages,
        IReadOnlyList<NodeId> peers, bool canReplan, CancellationToken cancellationToken)
    {
        var opened = await scheme.OpenRoundAsync(epoch, peers, [.. messages.Select(m => m.Message)], cancellationToken).ConfigureAwait(false);
        if (!opened.TryGet(out var round, out var notOpened))
        {
            foreach (var p in notOpened.Silent) node.Peers.MarkTimedOut(p);
            return (notOpened, null);
        }
        var items = messages.Select((m, i) => new ShareItem(m.Message, m.Evidence, round.PublicMaterial[i], m.Head)).ToList();
        List<NodeId> signers = [node.Id, .. peers];
        var roundId = RoundId.New();
        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        var answers = peers.Select(p => node.Pending.Expect(roundId, p)).ToArray();
        foreach (var answer in answers)
            _ = answer.ContinueWith(_ => node.PeerDeadline.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(sent)),
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var unreachable = new List<NodeId>();
        foreach (var p in peers)
            if (!await node.Messenger.SendAsync(p, new ProduceSignatureShares(roundId, node.Id, p, new KeyEpoch(epoch), signers, purpose, items, scheme.Name), cancellationToken).ConfigureAwait(false))
                unreachable.Add(p);

        // our own shares while the peers compute theirs
        if (round.SignOwn() is { } ownError)
        {
            node.Pending.Abandon(roundId, peers);
            return (RoundOutcome.Abort("coordinator could not sign its own share: " + ownError), null);
        }
        var wait = await WaitForAnswersAsync(answers, canReplan, cancellationToken).ConfigureAwait(false);
        node.Pending.Abandon(roundId, peers);

        var sorted = Sort(round, peers, answers, unreachable, wait);
        if (sorted is not null) return (sorted, null);
        return round.Aggregate().TryGet(out var signatures, out var culprits) ? (null, signatures) : (culprits, null);
    }

    /// <summary>Waits for the peers' answers (<see cref="PeerAnswerWait"/>); returns how long the silent ones were given.</summary>
    private Task<TimeSpan> WaitForAnswersAsync(Task<ParticipantAnswer>[] answers, bool canReplan, CancellationToken cancellationToken) =>
        PeerAnswerWait.WaitAsync(answers, canReplan ? node.PeerDeadline.Current : node.Options.RoundTimeout, node.Options.RoundTimeout,
            PeerAnswerWait.OneMoreFloor, node.Options.Time, cancellationToken);

    /// <summary>Null when every peer delivered well-formed shares; otherwise the retry naming whom to exclude.</summary>
    private RoundOutcome? Sort(ISchemeRound round, IReadOnlyList<NodeId> peers, Task<ParticipantAnswer>[] answers, List<NodeId> unreachable, TimeSpan wait)
    {
        var exclude = new List<NodeId>(unreachable);
        var silent = new List<NodeId>(unreachable);
        var restocked = 0;
        var late = new List<NodeId>();
        var reasons = new List<string>();
        for (int j = 0; j < peers.Count; j++)
        {
            var p = peers[j];
            if (exclude.Contains(p)) continue;
            if (!answers[j].IsCompletedSuccessfully)
            {
                node.Peers.MarkTimedOut(p);
                exclude.Add(p);
                silent.Add(p);
                reasons.Add($"{p} timed out after {wait.TotalMilliseconds:0} ms");
                continue;
            }
            var answer = answers[j].Result;
            if (answer.Shares is null)
            {
                reasons.Add($"{p} refused: {answer.RefusalReason}");
                // out-of-date stock (the peer's pool was replaced, e.g. by a refresh): ask it again, don't drop it
                if (answer.StaleCommitments) { scheme.Restock(p); restocked++; }
                else if (answer.Late) late.Add(p);
                else exclude.Add(p);
                continue;
            }
            if (!round.AcceptShares(p, answer.Shares))
            {
                exclude.Add(p);
                reasons.Add($"{p} sent malformed shares");
            }
        }
        return exclude.Count > 0 || restocked > 0 || late.Count > 0
            ? RoundOutcome.Retry(string.Join("; ", reasons.DefaultIfEmpty("unreachable peers")), exclude, [], silent) with { Late = late }
            : null;
    }
}
