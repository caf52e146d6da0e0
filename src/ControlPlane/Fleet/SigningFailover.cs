using System.Diagnostics;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Hosting;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// The control plane's one failover loop for every signing request (time-stamp batches, CSRs,
/// tree heads). The coordinator is the lowest-numbered attested, clock-healthy node holding a
/// share of the epoch; a <see cref="SigningFailed"/> or a timeout moves on to the next candidate
/// (each coordinator itself refuses without t−1 reachable peers, invariant 8). A coordinator that
/// has not answered within the adaptive hedge deadline (<see cref="FleetOptions.HedgeFloor"/>: a few
/// × the recent p99 of signed answers, a few hundred milliseconds) gets a hedge: the same items go to
/// the next candidate as well (naming the silent one to avoid) — at once when the roster learns the
/// coordinator was lost, and never later than <see cref="FleetOptions.HedgeCeiling"/> —, at most two coordinators
/// are asked at once (a third when one is suspected), and the first signed answer wins — the other's signatures are dropped unread, so a
/// request never gets two tokens (each coordinator mints its own serials, so the signers' refusal of
/// a repeated serial is never tripped by a hedge). Nodes that just failed to answer are
/// <see cref="SuspectedNodes"/>: tried last and passed as "avoid", so a crash between two heartbeats
/// costs the first requests one hedge deadline, not every request a timeout. Fewer than t
/// candidates, or no coordinator that signs, is a <see cref="SigningUnavailable"/> value.
/// </summary>
public sealed class SigningFailover(IBus bus, FleetState state, FleetOptions options, FleetMetrics metrics, SuspectedNodes suspects,
    TimeProvider time, ILogger<SigningFailover> logger, NodeMessageCheck? check = null)
{
    private const int MaxConcurrentCoordinators = 2;

    private static readonly TimeSpan RosterPoll = TimeSpan.FromMilliseconds(50);

    private readonly AdaptiveDeadline _hedge = Deadline(options);

    /// <summary>The hedge deadline in force now (adaptive).</summary>
    public TimeSpan HedgeDeadline => _hedge.Current;

    // check: the host always registers one; null only for unit tests whose fake coordinators don't sign.
    // one line per coordinator and reason and interval: during a quorum loss every batch fails the same way
    private readonly Logging.RepeatedWarnings _warnings = new(logger, time, Logging.RepeatedWarnings.DefaultInterval);

    /// <summary>
    /// Sends <paramref name="request"/> (built per try with a fresh round id and the current avoid
    /// list) to coordinators in trying order until one answers <typeparamref name="TSigned"/>.
    /// </summary>
    public Task<Result<TSigned, SigningUnavailable>> SignAsync<TRequest, TSigned>(KeyEpoch epoch,
        Func<RoundId, IReadOnlyList<NodeId>, TRequest> request, CancellationToken cancellationToken)
        where TRequest : class
        where TSigned : class =>
        SignAsync<TRequest, TSigned>(epoch, request, SigningWait.Classical(options), cancellationToken);

    /// <summary>The same, waiting for each coordinator as <paramref name="wait"/> says (post-quantum requests take longer).</summary>
    public async Task<Result<TSigned, SigningUnavailable>> SignAsync<TRequest, TSigned>(KeyEpoch epoch,
        Func<RoundId, IReadOnlyList<NodeId>, TRequest> request, SigningWait wait, CancellationToken cancellationToken)
        where TRequest : class
        where TSigned : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(wait);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var (result, final) = await PassAsync<TRequest, TSigned>(epoch, request, wait, started, cancellationToken).ConfigureAwait(false);
            if (result.IsOk || final || Stopwatch.GetElapsedTime(started) + options.SigningRetryPause >= options.SigningPatience || wait.Left(started) <= TimeSpan.Zero)
                return result;
            metrics.SigningRound("retried", Stopwatch.GetElapsedTime(started));
            await Task.Delay(options.SigningRetryPause, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over the coordinators; Final when another pass could not do better.</summary>
    private async Task<(Result<TSigned, SigningUnavailable> Result, bool Final)> PassAsync<TRequest, TSigned>(KeyEpoch epoch,
        Func<RoundId, IReadOnlyList<NodeId>, TRequest> request, SigningWait wait, long requestStarted, CancellationToken cancellationToken)
        where TRequest : class
        where TSigned : class
    {
        var roster = state.Roster;
        var candidates = roster.Signers(epoch.Number);
        if (candidates.Count < options.Threshold)
            return (Unavailable<TSigned>(roster.ShareHolders(epoch.Number) >= options.Threshold ? Unavailability.ClockUnavailable : Unavailability.BelowQuorum,
                $"{candidates.Count} eligible signers for {epoch}, threshold {options.Threshold}"), true);

        var asked = new HashSet<NodeId>();
        var asking = new List<Attempt<TSigned>>();
        using var losers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var last = "no coordinator answered";
        var final = false;
        try
        {
            asking.Add(Ask(Next()!, []));
            while (asking.Count > 0)
            {
                var any = Task.WhenAny(asking.Select(a => a.Answer));
                var canHedge = CanHedge();
                if (canHedge)
                {
                    var newest = asking[^1];
                    // until the hedge deadline, or at once when the roster learns the coordinator is gone (node lost). Not
                    // longer while the coordinator answers other batches: "busy, not dead" held a batch stuck at a live
                    // coordinator for the whole 10 s answer bound (12 s requests under load, 2026-12-07)
                    var hedgeAfter = HedgeAfter(wait);
                    while (!any.IsCompleted && StillSigner(newest.Coordinator, epoch))
                    {
                        // read the clock again: time passed since the last check, and a negative wait throws
                        var left = hedgeAfter - Stopwatch.GetElapsedTime(newest.Started);
                        if (left <= TimeSpan.Zero) break;
                        try { await any.WaitAsync(left < RosterPoll ? left : RosterPoll, time, cancellationToken).ConfigureAwait(false); }
                        catch (TimeoutException) { }
                    }
                    // still silent: ask the next candidate too, naming the silent ones to avoid (a preference);
                    // the roster may have lost that candidate while we waited — then there is nobody to hedge to
                    if (!any.IsCompleted && wait.Left(requestStarted) > TimeSpan.Zero && Next() is { } next)
                    {
                        var hedge = Ask(next, [.. asking.Select(a => a.Coordinator)]);
                        metrics.SigningRound("hedged", Stopwatch.GetElapsedTime(newest.Started));
                        ControlPlaneLog.BatchHedged(logger, newest.Round, newest.Coordinator, (long)Stopwatch.GetElapsedTime(newest.Started).TotalMilliseconds, hedge.Coordinator);
                        asking.Add(hedge);
                        continue;
                    }
                }
                // a coordinator the roster loses while it is asked no longer holds a slot: hedge at once
                while (!any.IsCompleted && !CanHedge())
                {
                    try { await any.WaitAsync(RosterPoll, time, cancellationToken).ConfigureAwait(false); }
                    catch (TimeoutException) { }
                }
                if (!any.IsCompleted) continue;
                var answered = await any.ConfigureAwait(false);
                var done = asking.First(a => a.Answer == answered);
                asking.Remove(done);
                var outcome = await done.Answer.ConfigureAwait(false);
                if (outcome.Signed is { } signed)
                {
                    if (wait.Observed) _hedge.Observe(outcome.Elapsed);
                    metrics.SigningRound("signed", outcome.Elapsed);
                    // a hedge won while the coordinator asked earlier is still silent: suspect it (a heartbeat clears that)
                    foreach (var silent in asking.Where(a => a.Started < done.Started)) suspects.Suspect(silent.Coordinator, time.GetUtcNow());
                    return (signed, false);
                }
                last = outcome.Detail!;
                if (outcome.Final)
                {
                    final = true;
                    break;
                }
                // an answer (failure or timeout) moves on at once, unless a hedge is already running
                if (asking.Count == 0 && wait.Left(requestStarted) > TimeSpan.Zero && Next() is { } another) asking.Add(Ask(another, []));
            }
        }
        finally
        {
            // the slower coordinator's answer is not wanted: stop waiting for it (its tokens are dropped unread)
            await losers.CancelAsync().ConfigureAwait(false);
        }
        return (Unavailable<TSigned>(Unavailability.BelowQuorum, last), final);

        // at most two live coordinators at once, within the request's bound. Not counted: one the roster has since lost, and
        // one suspected since (silent on a batch another coordinator answered, no heartbeat after: a node just killed
        // holds every batch it was asked for until it is declared lost) — but three at most, for when load makes suspects
        bool CanHedge()
        {
            var live = asking.Where(a => StillSigner(a.Coordinator, epoch)).ToList();
            return live.Count(a => !Suspected(a.Coordinator)) < MaxConcurrentCoordinators && live.Count <= MaxConcurrentCoordinators
                && wait.Left(requestStarted) > TimeSpan.Zero && Next(peek: true) is not null;
        }

        // the next coordinator not yet asked for this batch, from the roster as it is now: a node that
        // got its share while this batch waited (a replacement) is a candidate too
        NodeView? Next(bool peek = false)
        {
            var next = suspects.TryingOrder(asked.Count == 0 ? candidates : state.Roster.Signers(epoch.Number)).FirstOrDefault(c => !asked.Contains(c.Id));
            if (next is not null && !peek) asked.Add(next.Id);
            return next;
        }

        Attempt<TSigned> Ask(NodeView coordinator, IReadOnlyList<NodeId> silent)
        {
            // read again for every try: what the previous coordinator reported is already in; nodes the
            // roster knows offline (lost) are avoided too — still a preference, the coordinator decides
            var now = state.Roster;
            var avoid = Avoid(now, now.Signers(epoch.Number), coordinator.Id, suspects.Avoid(now).Concat(silent));
            var round = RoundId.New();
            var started = Stopwatch.GetTimestamp();
            return new Attempt<TSigned>(coordinator.Id, round, started,
                AskAsync<TRequest, TSigned>(coordinator.Id, round, request(round, avoid), wait.Within(requestStarted), started, losers.Token));
        }
    }

    /// <summary>One coordinator's answer, as a value: never throws for an expected outcome.</summary>
    private async Task<Outcome<TSigned>> AskAsync<TRequest, TSigned>(NodeId coordinator, RoundId round, TRequest message, TimeSpan answerWithin,
        long started, CancellationToken cancellationToken)
        where TRequest : class
        where TSigned : class
    {
        try
        {
            var client = bus.CreateRequestClient<TRequest>(NodeAddress.Of(coordinator, options.QueuePrefix),
                RequestTimeout.After(ms: (int)answerWithin.TotalMilliseconds));
            var response = await client.GetResponse<TSigned, SigningFailed>(message, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (response.Is(out Response<TSigned>? signed))
            {
                SuspectSilentPeers(coordinator, round, signed);
                return new(signed.Message, null, false, elapsed);
            }
            if (response.Is(out Response<SigningFailed>? failed))
            {
                // its culprit and unresponsive lists get nodes suspected: only the coordinator's own word counts
                if (check is not null && (failed.Message.Coordinator != coordinator || failed.Message.Round != round
                        || !check.IsFrom(coordinator, failed.Message, failed.Headers)))
                    return new(null, $"{coordinator}: an unauthenticated failure answer was ignored", false, elapsed);
                metrics.SigningRound("failed", elapsed);
                _warnings.Warn($"signing failed on coordinator {coordinator} ({failed.Message.Reason})", $"round {round}: {failed.Message.Detail}");
                foreach (var silent in failed.Message.Unresponsive) suspects.Suspect(silent, time.GetUtcNow());
                // a refused (or oversized, or a refused tree head) request is refused by every coordinator; even "below quorum" is only this
                // coordinator's view: in a partition the next one may sit on the side that has t nodes
                return new(null, $"{coordinator}: {failed.Message.Detail}",
                    failed.Message.Reason is SigningFailureReason.RequestRefused or SigningFailureReason.TooLarge or SigningFailureReason.LogHeadRefused, elapsed);
            }
            return new(null, $"{coordinator}: unexpected answer", false, elapsed);
        }
        catch (RequestTimeoutException)
        {
            metrics.SigningRound("timeout", Stopwatch.GetElapsedTime(started));
            _warnings.Warn($"coordinator {coordinator} did not answer in time", $"round {round}");
            suspects.Suspect(coordinator, time.GetUtcNow());
            return new(null, $"{coordinator} timed out", false, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException)
        {
            return new(null, $"{coordinator}: no longer awaited", true, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// Peers a coordinator that signed found silent in an earlier attempt (and that did not sign after all): suspected, so no
    /// coordinator waits out its own timeout on a node that just died. Only from the coordinator's own answer to this very
    /// try: an older genuine answer replayed as this one's reply is not believed (the tokens are checked, this list is not).
    /// </summary>
    private void SuspectSilentPeers<TSigned>(NodeId coordinator, RoundId round, Response<TSigned> signed)
        where TSigned : class
    {
        (RoundId Answers, NodeId From, IReadOnlyList<NodeId> Signers, IReadOnlyList<NodeId>? Silent) reply = signed.Message switch
        {
            TimestampBatchSigned t => (t.Batch, t.Coordinator, t.Signers, t.Unresponsive),
            RawMessageSigned r => (r.Round, r.Coordinator, r.Signers, r.Unresponsive),
            _ => (round, coordinator, [], null),
        };
        // an empty list costs no signature check (most answers)
        if (reply.Silent is not { Count: > 0 } silent || reply.Answers != round || reply.From != coordinator
            || (check is not null && !check.IsFrom(coordinator, signed.Message, signed.Headers))) return;
        foreach (var peer in silent.Where(p => p != coordinator && !reply.Signers.Contains(p))) suspects.Suspect(peer, time.GetUtcNow());
    }

    /// <summary>
    /// The avoid list for <paramref name="coordinator"/>: nodes the roster knows offline (lost), and the
    /// suspected or silent ones only while enough others are left to sign with. A coordinator whose
    /// avoid list leaves it fewer than t−1 peers ignores all of it and may pick a dead node (and wait
    /// out its timeout) — with two nodes lost and the third silent as a coordinator (busy, not dead)
    /// it must still sign with that third one.
    /// </summary>
    private List<NodeId> Avoid(FleetRoster roster, IReadOnlyList<NodeView> signers, NodeId coordinator, IEnumerable<NodeId> suspected)
    {
        var lost = roster.All.Where(v => !v.Online).Select(v => v.Id).Where(n => n != coordinator).ToHashSet();
        var weak = suspected.Where(n => n != coordinator && !lost.Contains(n)).ToHashSet();
        var others = signers.Count(v => v.Id != coordinator && !lost.Contains(v.Id));
        var avoid = others - signers.Count(v => weak.Contains(v.Id)) >= options.Threshold - 1 ? lost.Union(weak) : lost;
        return [.. avoid.OrderBy(n => n.Index)];
    }

    /// <summary>When a silent coordinator gets a hedge: the adaptive deadline, no sooner than the wait's floor, never after its answer bound.</summary>
    private TimeSpan HedgeAfter(SigningWait wait)
    {
        var after = _hedge.Current < wait.HedgeFloor ? wait.HedgeFloor : _hedge.Current;
        return after < wait.Answer ? after : wait.Answer;
    }

    private bool StillSigner(NodeId node, KeyEpoch epoch) => state.Roster.Find(node)?.CanSign(epoch.Number) ?? false;
    private bool Suspected(NodeId node) => state.Roster.Find(node) is { } view && suspects.IsSuspected(view);

    private static AdaptiveDeadline Deadline(FleetOptions options)
    {
        var ceiling = options.HedgeCeiling < options.SigningTimeout ? options.HedgeCeiling : options.SigningTimeout;
        return new AdaptiveDeadline(options.HedgeFloor < ceiling ? options.HedgeFloor : ceiling, ceiling, options.HedgeMultiplier);
    }

    private static Result<T, SigningUnavailable> Unavailable<T>(Unavailability why, string detail) =>
        Result<T, SigningUnavailable>.Fail(new SigningUnavailable(why, detail));

    private sealed record Attempt<T>(NodeId Coordinator, RoundId Round, long Started, Task<Outcome<T>> Answer) where T : class;

    /// <summary>Signed, or why not; Final: no other coordinator would do better (refused, too large, or the caller gave up).</summary>
    private sealed record Outcome<T>(T? Signed, string? Detail, bool Final, TimeSpan Elapsed)
        where T : class;
}
