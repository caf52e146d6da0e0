using System.Collections.Concurrent;
using System.Diagnostics;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;
using MassTransit;
using Microsoft.Extensions.Logging;
using EventKind = CcTsa.Contracts.Events.Ceremonies.CeremonyKind;
using MessageKind = CcTsa.Contracts.Messages.Ceremonies.CeremonyKind;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Drives one key ceremony over the bus: BeginCeremony to every node taking part, collect the
/// CeremonyFinished answers (<see cref="CeremonyTally"/> decides), and record CeremonyStarted,
/// then CeremonyCompleted + ShareDistributed (+ KeyEpochActivated for a DKG) or CeremonyAborted.
/// Every participant must report the same group key; the key itself never exists here.
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

    private readonly ConcurrentDictionary<CeremonyId, Waiter> _running = new();

    /// <summary>Delivered by <see cref="CeremonyFinishedConsumer"/>.</summary>
    public void OnFinished(CeremonyFinished answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (_running.TryGetValue(answer.Ceremony, out var w)) w.Add(answer);
    }

    public async Task<CeremonyOutcome> RunAsync(MessageKind kind, int epoch, IReadOnlyList<NodeId> participants, NodeId? recipient, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var id = CeremonyId.New();
        IReadOnlyList<NodeId> expected = kind == MessageKind.Redistribution && recipient is { } r ? [r] : participants;
        var waiter = new Waiter(CeremonyTally.Start(id, kind, epoch, expected));
        _running[id] = waiter;
        var started = Stopwatch.GetTimestamp();
        var everyone = recipient is { } rec ? participants.Append(rec).Distinct().ToList() : participants.ToList();
        await using var recovering = (await health.CeremonyAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        try
        {
            await state.RecordAsync(new CeremonyStarted(id, ToEvent(kind), new KeyEpoch(epoch), everyone, reason, time.GetUtcNow()), ct).ConfigureAwait(false);
            ControlPlaneLog.CeremonyStarted(logger, id, kind.ToString(), epoch, everyone.Count);
            var begin = new BeginCeremony(id, kind, epoch, options.Threshold, participants, recipient);
            foreach (var node in everyone)
            {
                var endpoint = await bus.GetSendEndpoint(NodeAddress.Of(node, options.QueuePrefix)).ConfigureAwait(false);
                await endpoint.Send(begin, ct).ConfigureAwait(false);
            }

            var (verdict, why, key, culprits) = await waiter.WaitAsync(options.CeremonyTimeout, ct).ConfigureAwait(false);
            if (verdict != CeremonyVerdict.Completed)
                return await AbortAsync(id, kind, epoch, why ?? "aborted", culprits, ct).ConfigureAwait(false);

            var keyHex = Convert.ToHexStringLower(key!);
            if (kind != MessageKind.Dkg && state.Book.GroupPublicKeyHex is { } current && !string.Equals(current, keyHex, StringComparison.Ordinal))
                return await AbortAsync(id, kind, epoch, "the group key changed during a " + kind + " (must stay the same)", [], ct).ConfigureAwait(false);

            var now = time.GetUtcNow();
            var events = new List<object> { new CeremonyCompleted(id, ToEvent(kind), new KeyEpoch(epoch), keyHex, now) };
            var answers = waiter.Tally.Answers;
            foreach (var node in expected)
            {
                var helpers = kind == MessageKind.Redistribution ? participants : participants.Where(p => p != node).ToList();
                var share = answers.TryGetValue(node, out var a) && a.VerifyingShare is { } vs ? Convert.ToHexStringLower(vs) : "";
                events.Add(new ShareDistributed(id, node, new KeyEpoch(epoch), helpers, share, now));
            }
            if (kind == MessageKind.Dkg)
                events.Add(new KeyEpochActivated(new KeyEpoch(epoch), Scheme, keyHex, expected, id, now));
            await state.RecordAsync(events, ct).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.CeremonyFinished(kind.ToString(), elapsed);
            ControlPlaneLog.CeremonyCompleted(logger, id, (long)elapsed.TotalMilliseconds);
            return new CeremonyOutcome(true, keyHex, "completed");
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
            await endpoint.Send(new DiscardEpoch(epoch, reason), ct).ConfigureAwait(false);
        }
    }

    private async Task<CeremonyOutcome> AbortAsync(CeremonyId id, MessageKind kind, int epoch, string reason, IReadOnlyList<NodeId> culprits, CancellationToken ct)
    {
        await state.RecordAsync(new CeremonyAborted(id, ToEvent(kind), new KeyEpoch(epoch), reason, culprits, time.GetUtcNow()), ct).ConfigureAwait(false);
        ControlPlaneLog.CeremonyAborted(logger, id, reason);
        return new CeremonyOutcome(false, null, reason);
    }

    private static EventKind ToEvent(MessageKind kind) => kind switch
    {
        MessageKind.Dkg => EventKind.Dkg,
        MessageKind.Redistribution => EventKind.Redistribution,
        _ => EventKind.Refresh,
    };

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
