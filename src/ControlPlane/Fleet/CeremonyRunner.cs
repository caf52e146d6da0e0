using System.Collections.Concurrent;
using System.Diagnostics;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Drives one key ceremony over the bus: BeginCeremony to every node taking part, collect the
/// CeremonyFinished answers (<see cref="CeremonyTally"/> decides), and record CeremonyStarted,
/// then CeremonyCompleted + ShareDistributed (+ KeyEpochActivated for a DKG, and for the new
/// ML-DSA-65 key of a refresh) or CeremonyAborted. Every participant must report the same group
/// key; the key itself never exists here.
/// </summary>
public sealed class CeremonyRunner(
    IBus bus,
    FleetState state,
    ClusterStateTracker health,
    FleetOptions options,
    FleetMetrics metrics,
    TimeProvider time,
    ILogger<CeremonyRunner> logger)
{
    public const string Scheme = "frost-ed25519";

    /// <summary>The scheme of the threshold-ECDSA (DKLs23, P-384) key made by the same ceremonies.</summary>
    public const string EcdsaScheme = "ecdsa-p384";

    public const string MlDsaScheme = "ml-dsa-65";

    private readonly ConcurrentDictionary<CeremonyId, Waiter> _running = new();

    // Ceremonies the log shows open that no run of this process owns (a killed predecessor started
    // them), with the answers received for them; bounded by the open ceremonies in the log.
    private readonly ConcurrentDictionary<CeremonyId, Orphan> _orphans = new();

    /// <summary>Delivered by <see cref="CeremonyFinishedConsumer"/>.</summary>
    public void OnFinished(CeremonyFinished answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (_running.TryGetValue(answer.Ceremony, out var w))
        {
            w.Add(answer);
            return;
        }
        // an answer queued for a predecessor that died mid-ceremony: kept for SettleOrphansAsync
        if (state.Epochs.Ceremonies.TryGetValue(answer.Ceremony.ToString(), out var logged) && logged.Status == "running")
        {
            var now = time.GetUtcNow();
            _orphans.AddOrUpdate(answer.Ceremony, _ => Orphan.Of(logged, now).With(answer), (_, o) => o.With(answer));
        }
    }

    /// <summary>
    /// Closes from the log the ceremonies a previous control-plane process left open (it was killed
    /// mid-ceremony): completes one whose answers arrive (<see cref="CeremonyResumption"/> decides),
    /// aborts the others and tells their participants to abandon them. True while one is still
    /// waiting for answers, so that no new ceremony starts meanwhile. Called by the leader only.
    /// </summary>
    public async Task<bool> SettleOrphansAsync(CancellationToken ct)
    {
        var epochs = state.Epochs;
        var waiting = false;
        foreach (var ceremony in epochs.Ceremonies.Values.Where(c => c.Status == "running" && !_running.ContainsKey(c.Id)).ToList())
        {
            var now = time.GetUtcNow();
            var orphan = _orphans.GetOrAdd(ceremony.Id, _ => Orphan.Of(ceremony, now));
            var decision = CeremonyResumption.Decide(ceremony, orphan.Tally, orphan.AdoptedAt, now, options.CeremonyTimeout,
                options.ResumeGrace, options.ParticipantsOutliveControlPlane, epochs.CurrentPublicKeyHex);
            switch (decision.Verdict)
            {
                case ResumptionVerdict.Wait:
                    if (!orphan.Reported) ControlPlaneLog.CeremonyResuming(logger, ceremony.Id, decision.Reason);
                    _orphans[ceremony.Id] = orphan with { Reported = true };
                    waiting = true;
                    continue;
                case ResumptionVerdict.Complete:
                    var (helpers, _) = CeremonyResumption.Roles(ceremony);
                    var previous = epochs.Current;
                    await CompleteAsync(ceremony.Id, ceremony.Kind, ceremony.Epoch, helpers, orphan.Tally, decision.GroupKey!, ct).ConfigureAwait(false);
                    ControlPlaneLog.CeremonyCompleted(logger, ceremony.Id, (long)(now - ceremony.StartedAt).TotalMilliseconds);
                    // as after a DKG the runbook ran itself: the superseded epoch's shares are zeroized
                    if (ceremony.Kind == CeremonyKind.Dkg && previous > 0 && previous < ceremony.Epoch)
                        await DiscardAsync(previous, "superseded by epoch " + ceremony.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                    break;
                default:
                    await AbortAsync(ceremony.Id, ceremony.Kind, ceremony.Epoch, decision.Reason, decision.Culprits, ceremony.Participants, ct).ConfigureAwait(false);
                    break;
            }
            _orphans.TryRemove(ceremony.Id, out _);
        }
        foreach (var stale in _orphans.Keys.Where(id => !epochs.Ceremonies.TryGetValue(id.ToString(), out var c) || c.Status != "running"))
            _orphans.TryRemove(stale, out _);
        return waiting;
    }

    public async Task<CeremonyOutcome> RunAsync(CeremonyKind kind, int epoch, IReadOnlyList<NodeId> participants, NodeId? recipient, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var id = CeremonyId.New();
        IReadOnlyList<NodeId> expected = kind == CeremonyKind.Redistribution && recipient is { } r ? [r] : participants;
        var waiter = new Waiter(CeremonyTally.Start(id, kind, epoch, expected));
        _running[id] = waiter;
        var started = Stopwatch.GetTimestamp();
        var everyone = recipient is { } rec ? participants.Append(rec).Distinct().ToList() : participants.ToList();
        await using var recovering = (await health.CeremonyAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        try
        {
            await state.RecordAsync(new CeremonyStarted(id, kind, new KeyEpoch(epoch), everyone, reason, time.GetUtcNow()), ct).ConfigureAwait(false);
            ControlPlaneLog.CeremonyStarted(logger, id, kind.ToString(), epoch, everyone.Count);
            var begin = new BeginCeremony(id, kind, new KeyEpoch(epoch), options.Threshold, participants, recipient);
            foreach (var node in everyone)
            {
                var endpoint = await bus.GetSendEndpoint(NodeAddress.Of(node, options.QueuePrefix)).ConfigureAwait(false);
                await endpoint.Send(begin, ct).ConfigureAwait(false);
            }

            var (verdict, why, key, culprits) = await waiter.WaitAsync(options.CeremonyTimeout, ct).ConfigureAwait(false);
            if (verdict != CeremonyVerdict.Completed)
                return await AbortAsync(id, kind, epoch, why ?? "aborted", culprits, everyone, ct).ConfigureAwait(false);

            var keyHex = Convert.ToHexStringLower(key!);
            if (kind != CeremonyKind.Dkg && state.Epochs.CurrentPublicKeyHex is { Length: > 0 } current && !string.Equals(current, keyHex, StringComparison.Ordinal))
                return await AbortAsync(id, kind, epoch, "the group key changed during a " + kind + " (must stay the same)", [], everyone, ct).ConfigureAwait(false);
            if (MlDsaKeyCheck.Refusal(kind, state.Epochs.KeyOf(epoch, MlDsaScheme), waiter.Tally.MlDsaKey()) is { } mlDsaRefusal)
                return await AbortAsync(id, kind, epoch, mlDsaRefusal, [], everyone, ct).ConfigureAwait(false);

            await CompleteAsync(id, kind, epoch, participants, waiter.Tally, key!, ct).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.CeremonyFinished(kind.ToString(), elapsed);
            ControlPlaneLog.CeremonyCompleted(logger, id, (long)elapsed.TotalMilliseconds);
            var newMlDsa = kind == CeremonyKind.Refresh && waiter.Tally.MlDsaKey() is { } rekeyed ? Convert.ToHexStringLower(rekeyed) : null;
            return new CeremonyOutcome(true, keyHex, "completed", newMlDsa);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    /// <summary>Tells every known node to zeroize the shares of a superseded or revoked epoch.</summary>
    public async Task DiscardAsync(int epoch, string reason, CancellationToken ct)
    {
        foreach (var node in state.Roster.All.Where(v => v.Online))
        {
            var endpoint = await bus.GetSendEndpoint(NodeAddress.Of(node.Id, options.QueuePrefix)).ConfigureAwait(false);
            await endpoint.Send(new DiscardEpoch(new KeyEpoch(epoch), reason), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records the completion: CeremonyCompleted, a ShareDistributed per expected node (with the
    /// public verifying share it reported) and, for a DKG, KeyEpochActivated; for a refresh that
    /// re-keyed ML-DSA-65, KeyEpochActivated of the new key (the epoch's keys of the other schemes stay).
    /// </summary>
    private async Task CompleteAsync(CeremonyId id, CeremonyKind kind, int epoch, IReadOnlyList<NodeId> participants, CeremonyTally tally, byte[] key, CancellationToken ct)
    {
        var keyHex = Convert.ToHexStringLower(key);
        var now = time.GetUtcNow();
        var events = new List<object> { new CeremonyCompleted(id, kind, new KeyEpoch(epoch), keyHex, now) };
        foreach (var node in tally.Expected)
        {
            var helpers = kind == CeremonyKind.Redistribution ? participants : participants.Where(p => p != node).ToList();
            var share = tally.Answers.TryGetValue(node, out var a) && a.VerifyingShare is { } vs ? Convert.ToHexStringLower(vs) : "";
            events.Add(new ShareDistributed(id, node, new KeyEpoch(epoch), helpers, share, now));
        }
        if (kind == CeremonyKind.Dkg)
        {
            events.Add(new KeyEpochActivated(new KeyEpoch(epoch), Scheme, keyHex, tally.Expected, id, now));
            // the threshold-ECDSA key the same ceremony made (the tally checked every participant reported the same one)
            if (tally.EcdsaKey() is { } ecdsa)
                events.Add(new KeyEpochActivated(new KeyEpoch(epoch), EcdsaScheme, Convert.ToHexStringLower(ecdsa), tally.Expected, id, now));
            if (tally.MlDsaKey() is { } mlDsa)
                events.Add(new KeyEpochActivated(new KeyEpoch(epoch), MlDsaScheme, Convert.ToHexStringLower(mlDsa), tally.Expected, id, now));
        }
        // a refresh re-keys the ML-DSA-65 key (MlDsaKeyCheck saw a new one every participant reported): it replaces the epoch's
        if (kind == CeremonyKind.Refresh && tally.MlDsaKey() is { } rekeyed)
            events.Add(new KeyEpochActivated(new KeyEpoch(epoch), MlDsaScheme, Convert.ToHexStringLower(rekeyed), tally.Expected, id, now));
        await state.RecordAsync(events, ct).ConfigureAwait(false);
    }

    /// <summary>Records the abort, then tells every participant to abandon its run (not wait for its own timeout).</summary>
    private async Task<CeremonyOutcome> AbortAsync(CeremonyId id, CeremonyKind kind, int epoch, string reason, IReadOnlyList<NodeId> culprits, IReadOnlyList<NodeId> participants, CancellationToken ct)
    {
        await state.RecordAsync(new CeremonyAborted(id, kind, new KeyEpoch(epoch), reason, culprits, time.GetUtcNow()), ct).ConfigureAwait(false);
        ControlPlaneLog.CeremonyAborted(logger, id, reason);
        var abort = new AbortCeremony(id, reason);
        foreach (var node in participants)
        {
            var endpoint = await bus.GetSendEndpoint(NodeAddress.Of(node, options.QueuePrefix)).ConfigureAwait(false);
            await endpoint.Send(abort, ct).ConfigureAwait(false);
        }
        return new CeremonyOutcome(false, null, reason);
    }

    /// <summary>A ceremony of a previous process as this one tracks it.</summary>
    private sealed record Orphan(CeremonyTally Tally, DateTimeOffset AdoptedAt, bool Reported)
    {
        public static Orphan Of(Projections.CeremonyInfo ceremony, DateTimeOffset now) => new(CeremonyResumption.Tally(ceremony), now, false);

        public Orphan With(CeremonyFinished answer) => this with { Tally = Tally.With(answer) };
    }

    private sealed class Waiter(CeremonyTally tally)
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CeremonyTally Tally { get; private set; } = tally;

        public void Add(CeremonyFinished answer)
        {
            TaskCompletionSource signal;
            lock (_gate)
            {
                Tally = Tally.With(answer);
                signal = _signal;
                _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            signal.TrySetResult();
        }

        public async Task<(CeremonyVerdict, string?, byte[]?, IReadOnlyList<NodeId>)> WaitAsync(TimeSpan timeout, CancellationToken ct)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            while (true)
            {
                Task next;
                lock (_gate)
                {
                    var d = Tally.Decide(false);
                    if (d.Verdict != CeremonyVerdict.Pending) return d;
                    next = _signal.Task;
                }
                try
                {
                    await next.WaitAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    lock (_gate) return Tally.Decide(true);
                }
            }
        }
    }
}
