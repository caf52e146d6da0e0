using CcTsa.ControlPlane.EventStore;
using CcTsa.Contracts.Events;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// The control plane's live view of the fleet (roster from heartbeats and its own attestation
/// verdicts) and of key epochs and certificates, read from the one live read model
/// (<see cref="LiveProjections"/>). Every fact is appended to the log first and reaches the read
/// model only once durable, so what the APIs show never runs ahead of the audit trail.
/// </summary>
public sealed class FleetState
{
    private readonly IEventLog _log;
    private readonly ILeadership? _leadership;
    private readonly Lock _gate = new();
    private FleetRoster _roster = FleetRoster.Empty;
    private long _version;
    private long _seen;

    /// <summary>A fleet view with a read model of its own over <paramref name="log"/> (tests; the host shares one).</summary>
    public FleetState(IEventLog log) : this(log, new LiveProjections(log)) { }

    public FleetState(IEventLog log, LiveProjections live)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
        Live = live ?? throw new ArgumentNullException(nameof(live));
    }

    /// <summary>One of several control planes on one log: observations are recorded only while <paramref name="leadership"/> is held.</summary>
    public FleetState(IEventLog log, LiveProjections live, ILeadership leadership) : this(log, live) =>
        _leadership = leadership ?? throw new ArgumentNullException(nameof(leadership));

    /// <summary>
    /// Whether this instance writes what it observes of the fleet (node online/lost/attested, clock,
    /// cluster state) to the log. Every instance sees the same heartbeats and keeps its own roster,
    /// but the log must tell each fact once: only the leader records them; a lone control plane
    /// (no leadership given) always does.
    /// </summary>
    public bool RecordsObservations => _leadership?.IsLeader ?? true;

    /// <summary>The one live read model every component reads (incidents, tokens, health, epochs).</summary>
    public LiveProjections Live { get; }

    public FleetRoster Roster { get { lock (_gate) return _roster; } }

    /// <summary>Key epochs (current epoch, group keys), from the live read model.</summary>
    public KeyEpochs Epochs => Live.Current.Epochs;

    /// <summary>TSA certificates per epoch with revocations, from the live read model.</summary>
    public Certificates Certificates => Live.Current.Certificates;

    /// <summary>Bumped on every change, so waiters (runbooks, progress display) can poll cheaply.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Raised after any change of roster, epochs or certificates.</summary>
    public event Action? Changed;

    /// <summary>
    /// Brings the read model up to the log's head, whoever wrote it (fleet, PKI journal, issuance,
    /// another process), and signals a change if anything new was folded.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        await Live.CatchUpAsync(ct).ConfigureAwait(false);
        var sequence = Live.Current.Sequence;
        if (Interlocked.Exchange(ref _seen, sequence) == sequence) return;
        Touch();
    }

    /// <summary>Applies a pure roster transition atomically and returns what it produced.</summary>
    public T Update<T>(Func<FleetRoster, (FleetRoster Roster, T Result)> transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        T result;
        lock (_gate)
        {
            (_roster, result) = transition(_roster);
        }
        Touch();
        return result;
    }

    /// <summary>Appends events durably, then brings the read model up to date with them.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> RecordAsync(IReadOnlyList<object> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return [];
        var stored = await _log.AppendAsync(events, ct).ConfigureAwait(false);
        await CatchUpAsync(ct).ConfigureAwait(false);
        return stored;
    }

    public Task<IReadOnlyList<EventEnvelope>> RecordAsync(object evt, CancellationToken ct) => RecordAsync([evt], ct);

    /// <summary>Appends an observation of the fleet when this instance <see cref="RecordsObservations"/>; otherwise nothing (the leader records it).</summary>
    public Task<IReadOnlyList<EventEnvelope>> RecordObservedAsync(IReadOnlyList<object> events, CancellationToken ct) =>
        RecordsObservations ? RecordAsync(events, ct) : Task.FromResult<IReadOnlyList<EventEnvelope>>([]);

    private void Touch()
    {
        Interlocked.Increment(ref _version);
        Changed?.Invoke();
    }
}
