using CcTsa.ControlPlane.EventStore;
using CcTsa.Contracts.Events;
using CcTsa.ControlPlane.Projections;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// The control plane's live view of the fleet (roster from heartbeats and its own attestation
/// verdicts) and of key epochs (folded from the audit log). Every fact is appended to the log
/// first and folded only once durable, so what the APIs show never runs ahead of the audit trail.
/// </summary>
public sealed class FleetState
{
    private readonly IEventLog _log;
    private readonly Lock _gate = new();
    private FleetRoster _roster = FleetRoster.Empty;
    private KeyEpochs _epochs = new();
    private Certificates _certificates = new();
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private long _version;
    private long _folded;

    public FleetState(IEventLog log) => _log = log ?? throw new ArgumentNullException(nameof(log));

    public FleetRoster Roster { get { lock (_gate) return _roster; } }

    /// <summary>Key epochs (current epoch, group keys), the store's projection folded from the log.</summary>
    public KeyEpochs Epochs { get { lock (_gate) return _epochs; } }

    /// <summary>TSA certificates per epoch with revocations, the store's projection folded from the log.</summary>
    public Certificates Certificates { get { lock (_gate) return _certificates; } }

    /// <summary>Bumped on every change, so waiters (runbooks, progress display) can poll cheaply.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Raised after any change of roster, epochs or certificates.</summary>
    public event Action? Changed;

    /// <summary>
    /// Folds every event appended since the last call, whoever wrote it (fleet, PKI journal,
    /// issuance): the log is the single source of the epoch and certificate views.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        await _catchUp.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var (epochs, certificates) = (Epochs, Certificates);
            var folded = _folded;
            await foreach (var e in _log.ReadAllAsync(folded, ct).ConfigureAwait(false))
            {
                epochs = ProjectionFolder.Apply(epochs, e.Data);
                certificates = ProjectionFolder.Apply(certificates, e.Data);
                folded = e.Sequence;
            }
            if (folded == _folded) return;
            lock (_gate) (_epochs, _certificates) = (epochs, certificates);
            _folded = folded;
        }
        finally
        {
            _catchUp.Release();
        }
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

    /// <summary>Appends events durably, then folds them into the projections.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> RecordAsync(IReadOnlyList<object> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return [];
        var stored = await _log.AppendAsync(events, ct).ConfigureAwait(false);
        await CatchUpAsync(ct).ConfigureAwait(false);
        return stored;
    }

    public Task<IReadOnlyList<EventEnvelope>> RecordAsync(object evt, CancellationToken ct) => RecordAsync([evt], ct);

    private void Touch()
    {
        Interlocked.Increment(ref _version);
        Changed?.Invoke();
    }
}
