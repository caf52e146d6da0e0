using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Messages.Fleet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Turns heartbeats and their absence into audit events: NodeStarted (then the control plane's own
/// attestation), NodeLost after the heartbeat timeout, ClockViolation/NodeExcluded and
/// ClockRecovered/NodeReadmitted from the clock status, and ClusterStateChanged whenever the
/// health state moves. The decisions are <see cref="FleetRoster"/>'s; this class only does I/O.
/// </summary>
public sealed class FleetDirector(
    FleetState state,
    NodeAttestor attestor,
    ClusterStateTracker health,
    CertificateDistributor certificates,
    FleetOptions options,
    FleetMetrics metrics,
    TimeProvider time,
    ILogger<FleetDirector> logger) : BackgroundService
{
    // Attestations run outside the consumer so a slow node never blocks heartbeats.
    private readonly SemaphoreSlim _serial = new(1, 1);

    public async Task OnHeartbeatAsync(NodeAnnounced beat, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(beat);
        IReadOnlyList<FleetChange> changes;
        await _serial.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            changes = state.Update(r => r.OnHeartbeat(beat, now, options.ReadmitAfterGoodBeats));
            if (state.Roster.Find(beat.Node) is { } view)
                metrics.Clock(beat.Node.Value, view.ClockHealthy && !view.Excluded, view.ClockOffsetMicros ?? 0);
            await RecordAsync(changes, ct).ConfigureAwait(false);
        }
        finally
        {
            _serial.Release();
        }
        var appeared = changes.Where(c => c.Kind == FleetChangeKind.CameOnline).ToList();
        foreach (var c in appeared)
            _ = AttestInBackgroundAsync(c, ct);
        if (appeared.Count > 0 || changes.Any(c => c.Kind == FleetChangeKind.Lost))
            RetryRefusedByFleet([.. appeared.Select(c => c.Node)]);
    }

    /// <summary>
    /// A node came, went or was replaced: nodes refused only by the fleet rules (measurement pin,
    /// placement) may pass now, e.g. the first nodes of a software update once the old fleet is gone.
    /// </summary>
    private void RetryRefusedByFleet(IReadOnlyCollection<Contracts.Ids.NodeId> beingAttested)
    {
        foreach (var (node, provider) in attestor.TakeRefusedByFleet())
        {
            if (beingAttested.Contains(node) || state.Roster.Find(node) is not { Online: true, Attested: false }) continue;
            _ = AttestInBackgroundAsync(new FleetChange(FleetChangeKind.CameOnline, node, provider), CancellationToken.None);
        }
    }

    /// <summary>The faults API killed a node: record the loss at once instead of waiting for the timeout.</summary>
    public async Task MarkLostAsync(Contracts.Ids.NodeId node, string reason, CancellationToken ct)
    {
        await _serial.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var known = state.Roster.Find(node) is { Online: true };
            state.Update(r => (r.WithOffline(node), 0));
            if (known)
            {
                await state.RecordObservedAsync([new NodeLost(node, reason, time.GetUtcNow())], ct).ConfigureAwait(false);
                ControlPlaneLog.NodeLost(logger, node, reason);
            }
            await health.RefreshAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _serial.Release();
        }
        RetryRefusedByFleet([]);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await _serial.WaitAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                var now = time.GetUtcNow();
                var lost = state.Update(r => r.OnTick(now, options.HeartbeatTimeout));
                await RecordAsync(lost, stoppingToken).ConfigureAwait(false);
                if (lost.Count > 0) RetryRefusedByFleet([]);
                // a new leader records the cluster state it sees if the log (its predecessor) says otherwise
                else if (state.RecordsObservations) await health.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                _serial.Release();
            }
        }
    }

    private async Task RecordAsync(IReadOnlyList<FleetChange> changes, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var events = new List<object>();
        foreach (var c in changes)
        {
            switch (c.Kind)
            {
                case FleetChangeKind.CameOnline:
                    events.Add(new NodeStarted(c.Node, c.Provider, now));
                    ControlPlaneLog.NodeOnline(logger, c.Node, c.Provider);
                    break;
                case FleetChangeKind.Lost:
                    var reason = $"no heartbeat for {options.HeartbeatTimeout.TotalSeconds:0.#} s";
                    events.Add(new NodeLost(c.Node, reason, now));
                    ControlPlaneLog.NodeLost(logger, c.Node, reason);
                    break;
                case FleetChangeKind.ClockViolated when state.Roster.Find(c.Node) is { } view:
                    events.Add(ClockEvents.Violation(view, options.ClockToleranceMicros, now));
                    break;
                case FleetChangeKind.Excluded:
                    events.Add(new NodeExcluded(c.Node, "clock outside the TriHaRd tolerance", now));
                    break;
                case FleetChangeKind.ClockRecovered when state.Roster.Find(c.Node) is { } view:
                    events.Add(ClockEvents.Recovered(view, options.ReadmitAfterGoodBeats, now));
                    break;
                case FleetChangeKind.Readmitted:
                    events.Add(new NodeReadmitted(c.Node, $"{options.ReadmitAfterGoodBeats} consecutive healthy clock reports", now));
                    break;
                case FleetChangeKind.EpochChanged:
                    break;
            }
        }
        await state.RecordObservedAsync(events, ct).ConfigureAwait(false);
        if (changes.Count > 0) await health.RefreshAsync(ct).ConfigureAwait(false);
    }

    private async Task AttestInBackgroundAsync(FleetChange change, CancellationToken ct)
    {
        // run detached from the consumer's context; failures are logged and retried on the next (re)appearance
        await Task.Yield();
        try
        {
            if (await attestor.AttestAsync(change.Node, change.Provider, CancellationToken.None).ConfigureAwait(false))
            {
                // every instance attests for itself (it checks the node's messages with the key the
                // report binds); installing certificates is the leader's act, like every other on the fleet
                if (state.RecordsObservations)
                    await certificates.InstallOnAsync(change.Node, CancellationToken.None).ConfigureAwait(false);
                await health.RefreshAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ControlPlaneLog.BackgroundFailed(logger, "attestation of " + change.Node, ex);
        }
        _ = ct;
    }

    public override void Dispose()
    {
        _serial.Dispose();
        base.Dispose();
    }
}
