using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Decisions;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Runbooks;

/// <summary>
/// Reacts to the fleet's state with the seed's procedures: opens an incident for each situation
/// (IncidentOpened), asks the pure decision of its kind for the next step, carries it out through
/// <see cref="RunbookActions"/> and records it (RunbookStepCompleted), until the decision resolves
/// it (IncidentResolved). Incidents are read from the live read model (FleetState.Live, folded from
/// the log and appended to only through FleetState.RecordAsync, which catches it up), so after a restart the
/// engine resumes where the log says it was; a step recorded as done is never run again. A ceremony
/// the log shows open (the previous process was killed mid-ceremony) is closed first — resumed or
/// aborted by <see cref="CeremonyRunner.SettleOrphansAsync"/> — and, on a restart over an existing
/// key, open incidents are advanced only after the start-up settle (decisions read the roster, which a
/// restarted control plane learns from heartbeats). It acts only while it holds
/// <see cref="ILeadership"/> (PostgreSQL advisory lock, or a file lock for SQLite).
/// </summary>
public sealed class RunbookEngine(
    FleetState state,
    IRunbookActions actions,
    CeremonyRunner ceremonies,
    ILeadership leader,
    FleetOptions options,
    TimeProvider time,
    ILogger<RunbookEngine> logger) : BackgroundService
{
    private DateTimeOffset _startedAt;
    private bool _restarted;
    private readonly Dictionary<string, (DateTimeOffset Until, int Failures)> _retryAfter = new(StringComparer.Ordinal);
    private readonly StepAttempts _attempts = new(time);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IncidentId, string> _status = new();

    /// <summary>The last decision's reason per open incident (what it is doing or waiting for), for /api/incidents.</summary>
    public string? StatusOf(IncidentId incident) => _status.TryGetValue(incident, out var s) ? s : null;

    /// <summary>Incidents from the live read model (for tests, the API and the progress display).</summary>
    public Incidents Incidents => state.Live.Current.Incidents;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _startedAt = time.GetUtcNow();
        _restarted = state.Epochs.Current > 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        do
        {
            try
            {
                if (await HoldAsync(stoppingToken).ConfigureAwait(false))
                    await PassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // a failed pass is retried on the next tick; the log stays the truth
                ControlPlaneLog.RunbookCrashed(logger, "pass", ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>A graceful stop hands leadership back at once, so a successor (or a restart in this process) can lead without waiting.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await leader.ReleaseAsync().ConfigureAwait(false);
    }

    /// <summary>One heartbeat timeout (or the configured settle) has passed since start: the roster is complete.</summary>
    private bool Settled => time.GetUtcNow() - _startedAt >= (options.StartupSettle ?? options.HeartbeatTimeout);

    private async Task<bool> HoldAsync(CancellationToken ct) =>
        leader.IsLeader ? await leader.CheckAsync(ct).ConfigureAwait(false) : await leader.TryAcquireAsync(ct).ConfigureAwait(false);

    /// <summary>One pass: fold new events, open incidents for new situations, advance each open incident by one step.</summary>
    public async Task PassAsync(CancellationToken ct)
    {
        await FoldAsync(ct).ConfigureAwait(false);
        // one ceremony at a time: one left open by a killed predecessor is closed before any other starts
        if (await ceremonies.SettleOrphansAsync(ct).ConfigureAwait(false)) return;
        await DetectAsync(ct).ConfigureAwait(false);
        // a restart over an existing key: an empty roster is no evidence yet that shares are gone
        if (_restarted && !Settled) return;
        // serial on purpose: one ceremony at a time, most severe incident first
        foreach (var incident in Incidents.Open.OrderBy(i => Priority(i.Kind)).ThenBy(i => i.OpenedAt).ToList())
        {
            if (await AdvanceAsync(incident, ct).ConfigureAwait(false)) break;
        }
    }

    /// <summary>Brings the read model up to the log's head (another writer's events included).</summary>
    private Task FoldAsync(CancellationToken ct) => state.CatchUpAsync(ct);

    private async Task DetectAsync(CancellationToken ct)
    {
        var roster = state.Roster;
        var epoch = state.Epochs.Current;
        var ledger = Incidents;
        // give heartbeats one timeout after start before judging quorum: a restarted control plane
        // has not heard from nodes that still hold their shares
        var settled = Settled;
        var keyIncident = ledger.OpenOf(IncidentKinds.Bootstrap) ?? ledger.OpenOf(IncidentKinds.QuorumLost) ?? ledger.OpenOf(IncidentKinds.Compromise);
        if (epoch == 0 && keyIncident is null)
            await OpenAsync(IncidentKinds.Bootstrap, "no key yet: first DKG and certificate", [], epoch, ct).ConfigureAwait(false);
        else if (epoch > 0 && settled && keyIncident is null && roster.ShareHolders(epoch) < options.Threshold)
        {
            var lost = roster.All.Where(v => !v.HoldsShareOf(epoch)).Select(v => v.Id).ToList();
            await OpenAsync(IncidentKinds.QuorumLost, $"{roster.ShareHolders(epoch)} holders of epoch {epoch} left, below threshold {options.Threshold}", lost, epoch, ct).ConfigureAwait(false);
        }
        else if (epoch > 0 && settled && keyIncident is null && ledger.OpenOf(IncidentKinds.NodeLost) is null
                 && roster.ShareHolders(epoch) is var h && h >= options.Threshold && h < options.FleetSize)
        {
            var lost = Enumerable.Range(1, options.FleetSize).Select(NodeId.FromIndex).Where(n => roster.Find(n) is not { } v || !v.HoldsShareOf(epoch)).ToList();
            await OpenAsync(IncidentKinds.NodeLost, $"{options.FleetSize - h} node(s) without a share of epoch {epoch}: {string.Join(",", lost)}", lost, epoch, ct).ConfigureAwait(false);
        }

        var drifting = roster.All.Where(v => v.Online && (v.Excluded || !v.ClockHealthy)).Select(v => v.Id).ToList();
        if (drifting.Count > 0 && ledger.OpenOf(IncidentKinds.ClockDrift) is null)
            await OpenAsync(IncidentKinds.ClockDrift, "clock outside tolerance: " + string.Join(",", drifting), drifting, epoch, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens an incident with its typed context (epoch at opening — none before the first key —,
    /// a partition's sides, a reported compromise time and its reason); returns its id.
    /// </summary>
    public async Task<IncidentId> OpenAsync(string kind, string summary, IReadOnlyList<NodeId> nodes, int epoch, CancellationToken ct,
        IReadOnlyList<IReadOnlyList<NodeId>>? partitionSides = null, DateTimeOffset? compromisedAt = null, string? reason = null)
    {
        var id = IncidentId.New();
        var opened = new IncidentOpened(id, kind, summary, nodes, time.GetUtcNow(), epoch > 0 ? new KeyEpoch(epoch) : null, partitionSides, compromisedAt, reason);
        await state.RecordAsync(opened, ct).ConfigureAwait(false);
        ControlPlaneLog.IncidentOpened(logger, id.ToString(), kind, summary);
        return id;
    }

    /// <summary>Advances one incident by at most one step; true when a step ran (the pass then ends).</summary>
    private async Task<bool> AdvanceAsync(IncidentEntry incident, CancellationToken ct)
    {
        var facts = new RunbookFacts(state.Roster, state.Epochs.Current, state.Certificates.Installed(state.Epochs.Current), options.Threshold, options.FleetSize, incident.Completed);
        var decision = incident.Kind == IncidentKinds.RunbookStalled
            ? (_attempts.IsActiveEscalation(incident.Id)
                ? RunbookDecision.Wait("retries stopped until the facts change or an operator acts")
                : RunbookDecision.Resolve("the facts changed (or the control plane restarted): the step is tried again"))
            : Decide(incident, facts);
        if (!_status.TryGetValue(incident.Id, out var previous) || previous != decision.Reason)
        {
            _status[incident.Id] = decision.Reason;
            ControlPlaneLog.RunbookDecided(logger, incident.Id.ToString(), decision.Kind.ToString(), decision.Reason);
        }
        switch (decision.Kind)
        {
            case DecisionKind.Resolve:
                await ResolveAsync(incident, decision.Reason, ct).ConfigureAwait(false);
                return false;
            case DecisionKind.Escalate:
                await ResolveAsync(incident, "escalated: " + decision.Reason, ct).ConfigureAwait(false);
                return false;
            case DecisionKind.Wait:
                return false;
        }
        var step = decision.Step!;
        if (_retryAfter.TryGetValue(step.Name, out var retry) && time.GetUtcNow() < retry.Until) return false;
        // a step asked for again over unchanged facts is backed off, then escalated once and stopped
        var signature = StepAttempts.Signature(facts, state.Epochs.CurrentPublicKeyHex, state.Certificates.BySerial.Count, step.Name);
        var gate = _attempts.Check(incident.Id, step.Name, signature);
        if (gate.Cleared is { } cleared)
            await ResolveStallAsync(cleared, step.Name, ct).ConfigureAwait(false);
        switch (gate.Kind)
        {
            case StepGateKind.Wait or StepGateKind.Stopped:
                return false;
            case StepGateKind.Escalate:
                await EscalateAsync(incident, step, gate.Attempts, ct).ConfigureAwait(false);
                return false;
        }
        _attempts.Ran(incident.Id, step.Name, signature);
        ControlPlaneLog.RunbookStep(logger, incident.Id.ToString(), step.Name, decision.Reason);
        bool ok;
        string detail;
        try
        {
            (ok, detail) = await actions.RunAsync(incident, step, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException)
        {
            // expected refusals (below quorum for the CSR, no certificate to revoke) come back as
            // values (ok = false); what is left here is I/O (a CA file busy, the store slow): a
            // failed attempt on the record, retried later; anything else is a bug and surfaces
            (ok, detail) = (false, ex.Message);
            ControlPlaneLog.RunbookCrashed(logger, step.Name, ex);
        }
        await state.RecordAsync(new RunbookStepCompleted(incident.Id, step.Name, ok, detail, time.GetUtcNow()), ct).ConfigureAwait(false);
        ControlPlaneLog.RunbookStep(logger, incident.Id.ToString(), step.Name, ok ? "done: " + detail : "failed: " + detail);
        if (!ok)
        {
            // back off 2 s, 4 s, 8 s … up to a minute, so a step that keeps failing cannot flood the log
            var failures = _retryAfter.TryGetValue(step.Name, out var r) ? r.Failures + 1 : 1;
            _retryAfter[step.Name] = (time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Min(failures, 6))), failures);
        }
        return true;
    }

    private RunbookDecision Decide(IncidentEntry incident, RunbookFacts facts)
    {
        // null: opened before the first key (the old logs' "epoch" step said "0"), as the decisions expect
        var epochAtOpen = incident.EpochAtOpen?.Number ?? 0;
        return incident.Kind switch
        {
            IncidentKinds.Bootstrap => QuorumLost.Decide(facts, 0),
            IncidentKinds.QuorumLost => QuorumLost.Decide(facts, epochAtOpen),
            IncidentKinds.NodeLost => facts.Epoch != epochAtOpen ? RunbookDecision.Resolve($"superseded by epoch {facts.Epoch}") : NodeLost.Decide(facts),
            IncidentKinds.Compromise => Compromise.Decide(facts, incident.Nodes, epochAtOpen),
            IncidentKinds.ClockDrift => ClockDrift.Decide(facts, incident.Nodes, time.GetUtcNow() - incident.OpenedAt, options.ClockDriftReplaceAfter),
            IncidentKinds.CertificateMismatch => Decisions.CertificateMismatch.Decide(facts, epochAtOpen),
            IncidentKinds.Partition => Decisions.Partition.Decide(facts, incident.Completed.Contains(PartitionHealedStep),
                incident.PartitionSides),
            // nothing automatic can make a tampered log trustworthy: an operator restores it
            IncidentKinds.AuditChainBroken => RunbookDecision.Wait("the audit log failed verification; issuance refused until an operator restores it"),
            _ => RunbookDecision.Resolve("unknown incident kind " + incident.Kind),
        };
    }

    /// <summary>Recorded on a partition incident when the partition heals.</summary>
    public const string PartitionHealedStep = "healed";

    private async Task ResolveAsync(IncidentEntry incident, string resolution, CancellationToken ct)
    {
        await state.RecordAsync(new IncidentResolved(incident.Id, resolution, time.GetUtcNow()), ct).ConfigureAwait(false);
        _attempts.Forget(incident.Id);
        ControlPlaneLog.IncidentResolved(logger, incident.Id.ToString(), resolution);
    }

    /// <summary>The bound is reached: an incident naming the step (the alert), and no more attempts until the facts change.</summary>
    private async Task EscalateAsync(IncidentEntry incident, RunbookStep step, int attempts, CancellationToken ct)
    {
        var summary = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"step {step.Name} of {incident.Kind} incident {incident.Id} ran {attempts} times without changing the facts; retries stopped until they change");
        var alert = await OpenAsync(IncidentKinds.RunbookStalled, summary, incident.Nodes, state.Epochs.Current, ct).ConfigureAwait(false);
        _attempts.Escalated(incident.Id, step.Name, alert);
        ControlPlaneLog.RunbookStalled(logger, incident.Id.ToString(), step.Name, attempts);
    }

    private async Task ResolveStallAsync(IncidentId alert, string step, CancellationToken ct)
    {
        if (Incidents.ById.TryGetValue(alert.ToString(), out var open) && !open.Resolved)
            await ResolveAsync(open, $"the facts changed: step {step} is tried again", ct).ConfigureAwait(false);
    }

    private static int Priority(string kind) => kind switch
    {
        IncidentKinds.Compromise => 0,
        IncidentKinds.QuorumLost => 1,
        IncidentKinds.Bootstrap => 1,
        IncidentKinds.NodeLost => 2,
        _ => 3,
    };
}
