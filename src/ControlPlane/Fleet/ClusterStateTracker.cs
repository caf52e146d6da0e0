using CcTsa.ControlPlane.Health;
using CcTsa.Contracts.Events.Cluster;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Decides the cluster health state with <see cref="ClusterStateRules"/> from the live roster
/// (holders and signing-capable holders of the current epoch; Recovering while a ceremony runs or the
/// epoch's certificate is not yet installed) and records ClusterStateChanged on every move, so the
/// log, the gauge and /api/cluster agree.
/// </summary>
public sealed class ClusterStateTracker(FleetState state, FleetOptions options, TimeProvider time, ILogger<ClusterStateTracker> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ClusterState _current = ClusterState.Unavailable;
    private int _ceremonies;

    public ClusterState Current => _current;

    /// <summary>Restores the last recorded state from the read model (start-up).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await state.CatchUpAsync(ct).ConfigureAwait(false);
        var health = state.Live.Current.Health;
        if (health.Transitions > 0) _current = health.State;
    }

    /// <summary>Marks a ceremony as running (Recovering) until the returned scope is disposed.</summary>
    public async Task<IAsyncDisposable> CeremonyAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _ceremonies);
        await RefreshAsync(ct).ConfigureAwait(false);
        return new Scope(this);
    }

    /// <summary>
    /// The state decided from the roster as it is now, without recording it. After a restart the
    /// recorded <see cref="Current"/> is the last state of the previous run until the nodes are heard
    /// again; /api/cluster shows this one (issue 14: "Healthy" with no nodes while /tsa answered 503).
    /// </summary>
    public ClusterState Live() => Decide().Verdict.State;

    private (ClusterStateRules.Verdict Verdict, int Holders, int Signing, int Epoch, bool AwaitingCertificate) Decide()
    {
        var roster = state.Roster;
        var epoch = state.Epochs.Current;
        var holders = epoch == 0 ? 0 : roster.ShareHolders(epoch);
        var signing = epoch == 0 ? 0 : roster.Signers(epoch).Count;
        // a new epoch cannot sign until its certificate is issued and installed: still Recovering
        var certificates = state.Certificates;
        var awaitingCertificate = epoch > 0 && !certificates.ForEpoch(epoch).Any();
        var verdict = ClusterStateRules.Decide(holders, signing, Volatile.Read(ref _ceremonies) > 0 || awaitingCertificate, options.Threshold, options.FleetSize);
        return (verdict, holders, signing, epoch, awaitingCertificate);
    }

    /// <summary>
    /// Decides the state now; when this instance records observations and the log's last recorded
    /// state differs (a move, or a predecessor leader that recorded something else), records the
    /// move from the recorded state. A follower only moves <see cref="Current"/>.
    /// </summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var (verdict, holders, signing, epoch, awaitingCertificate) = Decide();
            var next = verdict.State;
            var recorded = Recorded();
            if (state.RecordsObservations && recorded != next)
            {
                // the move starts from what the log says last, a predecessor's record included
                await state.CatchUpAsync(ct).ConfigureAwait(false);
                recorded = Recorded();
            }
            if (state.RecordsObservations && recorded != next)
            {
                var reason = $"{holders} of {options.FleetSize} nodes hold a share, {signing} can sign (threshold {options.Threshold})"
                    + (awaitingCertificate ? $"; certificate of epoch {epoch} not yet installed" : "");
                await state.RecordAsync(new ClusterStateChanged(recorded, next, verdict.AlertLevel, holders, signing, reason, time.GetUtcNow()), ct).ConfigureAwait(false);
                ControlPlaneLog.ClusterStateChanged(logger, recorded.ToString(), next.ToString(), reason);
            }
            _current = next;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The state the log last recorded (Unavailable before the first move), whoever recorded it.</summary>
    private ClusterState Recorded() => state.Live.Current.Health is { Transitions: > 0 } health ? health.State : ClusterState.Unavailable;

    private sealed class Scope(ClusterStateTracker owner) : IAsyncDisposable
    {
        private int _done;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            Interlocked.Decrement(ref owner._ceremonies);
            await owner.RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
