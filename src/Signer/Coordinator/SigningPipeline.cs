using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The one signing pipeline of a coordinator, for every purpose and scheme: prepare the messages,
/// pick t−1 peers (<see cref="SubsetSelector"/>), run a <see cref="ThresholdRound"/>, and on a
/// refusal, timeout or bad share retry with another subset (the offenders excluded, stale stocks
/// restocked). Answers the signatures or one <see cref="SigningFailed"/> value; below quorum is a
/// value too, never an exception.
/// </summary>
internal sealed class SigningPipeline(NodeContext node, IThresholdScheme scheme)
{
    private readonly ThresholdRound _round = new(node, scheme);

    public async Task<Result<ThresholdSignatures<T>, SigningFailed>> SignAsync<T>(SigningJob<T> job, CancellationToken cancellationToken)
        where T : IPreparedMessages
    {
        ArgumentNullException.ThrowIfNull(job);
        var failure = new FailureBook<T>(node, job.Request);
        if (!node.ClockHealthy) return failure.Refused(new(SigningFailureReason.ClockExcluded, "coordinator clock excluded from signing", true));
        if (scheme.Describe(job.Epoch) is not { } key) return failure.Refused(SigningRefusal.EpochUnavailable("coordinator holds no share of the epoch"));
        if (!job.Prepare(key).TryGet(out var prepared, out var refusal)) return failure.Refused(refusal);

        // nodes the control plane suspects are a preference, not a verdict: tried only when no subset
        // without them exists (a coordinator that timed out waiting for dead peers gets suspected too,
        // and leaving it out for good could leave an honest side below quorum)
        var avoided = new HashSet<NodeId>(job.Avoid.Where(n => n != node.Id));
        var excluded = new HashSet<NodeId>();
        var lateOnce = new HashSet<NodeId>();
        for (int attempt = 1; attempt <= node.Options.MaxRoundAttempts; attempt++)
        {
            if (attempt > 1)
            {
                // the failed attempt may have waited out a dead peer: a retry prepares again, so a
                // time-stamp carries the time it really signs at (peers refuse a genTime far from their clocks)
                if (!node.ClockHealthy)
                    return failure.Refused(new(SigningFailureReason.ClockExcluded, $"{failure.LastReason}; then the coordinator clock was excluded", true));
                if (!job.Prepare(key).TryGet(out prepared, out refusal)) return failure.Refused(refusal);
            }
            var views = Views(job.Epoch);
            var chosen = Choose(key, job.Epoch, views, excluded, avoided, prepared.Messages.Count);
            if (!chosen.TryGet(out var peers, out var quorumError))
                return attempt == 1
                    ? failure.Refused(new(SigningFailureReason.BelowQuorum, quorumError, false))
                    // peers dropped out during this request (refused, slow, cheating): another coordinator or a later try may do better
                    : failure.Refused(new(SigningFailureReason.PeersFailed, $"{failure.LastReason}; then {quorumError}", true));
            // precomputed material first (a presigning run takes seconds): messages stamped before it would carry a stale genTime
            var (notStocked, waited) = await scheme.EnsureStockAsync(job.Epoch, peers, prepared.Messages.Count, cancellationToken).ConfigureAwait(false);
            if (notStocked is not null)
            {
                failure.Record(notStocked);
                foreach (var p in notStocked.Exclude) excluded.Add(p);
                SignerLog.RoundRetried(node.Logger, node.Id, job.Request, attempt, notStocked.Reason!, string.Join(",", notStocked.Exclude));
                if (notStocked.Fatal) return failure.Refused(new(SigningFailureReason.CoordinatorFailed, notStocked.Reason!, true));
                continue;
            }
            if (waited)
            {
                if (!node.ClockHealthy) return failure.Refused(new(SigningFailureReason.ClockExcluded, "coordinator clock excluded while presigning", true));
                if (!job.Prepare(key).TryGet(out prepared, out refusal)) return failure.Refused(refusal);
            }
            // a spare eligible peer (SparePeers) lets the round give up on a silent peer at the short
            // adaptive deadline and re-plan; without one it waits the full round timeout
            var canReplan = attempt < node.Options.MaxRoundAttempts && SparePeers.Any(views, peers, excluded);
            var round = await _round.RunAsync(job.Epoch, job.Purpose, prepared.Messages, peers, canReplan, cancellationToken).ConfigureAwait(false);
            if (round.Signatures is not null && !job.KeepRejected)
                (round, prepared) = await RunRejectedAgainAsync(job, prepared, round, peers, canReplan, cancellationToken).ConfigureAwait(false);
            if (round.Signatures is { } signatures && (job.KeepRejected || signatures.All(s => s is not null)))
            {
                List<NodeId> signers = [node.Id, .. peers];
                SignerLog.RequestSigned(node.Logger, node.Id, job.Request, job.Purpose, signatures.Count(s => s is not null), string.Join(",", signers), attempt);
                return new ThresholdSignatures<T>(prepared, signatures, signers, attempt, key, Unresponsive(failure.Silent, views, signers));
            }
            failure.Record(round);
            foreach (var p in round.Exclude) excluded.Add(p);
            // a genTime that reached a peer too old: the next attempt stamps again; a peer late twice is left out
            foreach (var p in round.Late ?? []) if (!lateOnce.Add(p)) excluded.Add(p);
            SignerLog.RoundRetried(node.Logger, node.Id, job.Request, attempt, round.Reason!, string.Join(",", round.Exclude));
            if (round.Fatal) return failure.Refused(new(SigningFailureReason.CoordinatorFailed, round.Reason!, true));
        }
        return failure.Refused(new(SigningFailureReason.PeersFailed,
            $"no subset signed in {node.Options.MaxRoundAttempts} attempts: {failure.LastReason}", true));
    }

    /// <summary>
    /// Makes the scheme's precomputed material for <paramref name="count"/> items with the subset
    /// <see cref="SignAsync"/> would choose now, before anything is stamped: a hybrid pass commits its
    /// threshold ML-DSA run ahead of the classical round (<see cref="HybridSigning"/>). A failure is
    /// left for the signing job to meet and sort out.
    /// </summary>
    public async Task WarmAsync(int epoch, IReadOnlyList<NodeId> avoid, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(avoid);
        if (!node.ClockHealthy || scheme.Describe(epoch) is not { } key) return;
        var chosen = Choose(key, epoch, Views(epoch), SparePeers.NoneExcluded, avoid.Where(n => n != node.Id).ToHashSet(), count);
        if (chosen.TryGet(out var peers, out _)) await scheme.EnsureStockAsync(epoch, peers, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Items a scheme rejected on its own (answered null) are stamped again (<see cref="SigningJob{T}.Restamp"/>)
    /// and signed in a new run with the same subset, until all are signed or one has been rejected
    /// <see cref="MaxRuns"/> times — then the peers sit out the retry: a response inside the norm bound
    /// but wrong cannot be pinned on its sender, and chance alone does that well under once in a thousand items.
    /// </summary>
    private async Task<(RoundOutcome Round, T Prepared)> RunRejectedAgainAsync<T>(SigningJob<T> job, T prepared, RoundOutcome round,
        IReadOnlyList<NodeId> peers, bool canReplan, CancellationToken cancellationToken)
        where T : IPreparedMessages
    {
        var signatures = round.Signatures!.ToArray();
        for (var run = 2; signatures.Any(s => s is null); run++)
        {
            if (run > MaxRuns)
                return (RoundOutcome.Retry($"the scheme rejected an item's run {MaxRuns} times in a row; suspects {string.Join(",", peers)}", peers, [], []), prepared);
            var pending = Enumerable.Range(0, signatures.Length).Where(i => signatures[i] is null).ToList();
            if (job.Restamp is { } restamp)
            {
                if (!restamp(prepared, pending).TryGet(out var again, out var refusal)) return (RoundOutcome.Abort(refusal.Detail), prepared);
                prepared = again;
            }
            var rerun = await _round.RunAsync(job.Epoch, job.Purpose, [.. pending.Select(i => prepared.Messages[i])], peers, canReplan, cancellationToken).ConfigureAwait(false);
            if (rerun.Signatures is not { } more) return (rerun, prepared);
            for (var k = 0; k < pending.Count; k++) signatures[pending[k]] = more[k];
        }
        return (RoundOutcome.Signed(signatures), prepared);
    }

    /// <summary>Runs of one item before the attempt gives up on the subset (threshold ML-DSA rejects about 4 runs in 10).</summary>
    public const int MaxRuns = 10;

    /// <summary>
    /// The t−1 peers for <paramref name="count"/> items (<see cref="SubsetSelector"/>): never an
    /// <paramref name="excluded"/> one; the <paramref name="avoided"/> (suspected) and the quiet ones only when
    /// no subset without them exists, in tiers — without both, then without the avoided, then any — so
    /// peers that merely look quiet (a loaded host reads its queue late) never cancel the control plane's
    /// avoid list. Without a subset, "below quorum" comes from the count of eligible peers alone.
    /// </summary>
    private Result<IReadOnlyList<NodeId>, string> Choose(SchemeEpoch key, int epoch, IReadOnlyList<PeerView> views,
        IReadOnlySet<NodeId> excluded, IReadOnlySet<NodeId> avoided, int count)
    {
        var stockOf = (IReadOnlyList<NodeId> subset) => scheme.Stocked(subset, epoch);
        HashSet<NodeId>[] tiers = [[.. excluded, .. avoided, .. Quiet()], [.. excluded, .. avoided], [.. excluded]];
        for (var i = 0; ; i++)
        {
            var chosen = SubsetSelector.Choose(key.MinSigners, views, tiers[i], count, stockOf);
            if (chosen.IsOk || i == tiers.Length - 1) return chosen;
        }
    }

    /// <summary>
    /// What a signed answer reports as unresponsive: the peers silent in an attempt, and the share holders left out
    /// because quiet. A coordinator killed under load was otherwise found out only through its own batches (each
    /// waited for a hedge, and a hedge could not be sent while the dead one and a slow one held both slots). Quiet
    /// ones only while at most half of the other holders look quiet: more, and it is this node that reads its
    /// queue late — reporting them would get healthy nodes avoided and load this one further.
    /// </summary>
    private IReadOnlyList<NodeId> Unresponsive(IReadOnlyList<NodeId> silent, IReadOnlyList<PeerView> views, IReadOnlyList<NodeId> signers)
    {
        var quiet = Quiet().Where(q => views.Any(v => v.Node == q)).ToList();
        return 2 * quiet.Count <= views.Count ? [.. silent.Union(quiet.Where(q => !signers.Contains(q)))] : silent;
    }

    /// <summary>Peers not heard from for two beats (<see cref="NodeContext.Quiet"/>): avoided like the suspected ones.</summary>
    private IEnumerable<NodeId> Quiet() => node.Peers.Snapshot().Where(node.Quiet).Select(p => p.Node);

    /// <summary>The other peers that hold a share of <paramref name="epoch"/>; reachable means not timed out and not cut off by a partition fault.</summary>
    private IReadOnlyList<PeerView> Views(int epoch) =>
        [.. node.Peers.Snapshot()
            .Where(p => p.Node != node.Id && scheme.CanSignWith(p.Node, epoch))
            .Select(p => new PeerView(p.Node, p.Attested, p.ClockHealthy, !p.TimedOut && !node.Faults.Drops(p.Node), scheme.Stocked(p.Node, epoch)))];

    /// <summary>What the attempts of one request learned: the last reason, the culprits and the silent peers.</summary>
    private sealed class FailureBook<T>(NodeContext node, RoundId request)
        where T : IPreparedMessages
    {
        private readonly List<NodeId> _culprits = [];
        private readonly List<NodeId> _silent = [];

        public string LastReason { get; private set; } = "no attempt made";

        /// <summary>The peers that did not answer an attempt so far.</summary>
        public IReadOnlyList<NodeId> Silent => [.. _silent.Distinct()];

        public void Record(RoundOutcome round)
        {
            LastReason = round.Reason!;
            _culprits.AddRange(round.Culprits);
            _silent.AddRange(round.Silent);
        }

        public Result<ThresholdSignatures<T>, SigningFailed> Refused(SigningRefusal why)
        {
            if (why.PassRestart) SignerLog.PassRestarted(node.Logger, node.Id, request, why.Detail);
            else SignerLog.RequestFailed(node.Logger, node.Id, request, why.Detail);
            return Result<ThresholdSignatures<T>, SigningFailed>.Fail(new SigningFailed(request, node.Id, why.Reason, why.Detail, why.Retryable,
                [.. _culprits.Distinct()], Silent));
        }
    }
}
