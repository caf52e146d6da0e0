using CcTsa.Contracts.Events;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// The control plane's one live read model: a <see cref="ProjectionSet"/> kept current by applying
/// each committed envelope exactly once, in sequence order, for both stores. It is fed from two
/// sides by the same fold: the log's <see cref="IEventLog.Committed"/> subscription (this
/// process's appends, applied before the appender's task completes, so a caller never reads a state
/// behind its own write) and <see cref="CatchUpAsync"/>, the tail read that picks up whatever another
/// writer appended (a standby control plane on PostgreSQL, a CLI). Envelopes that arrive early are
/// held until the gap closes; ones already applied are ignored, so the two feeds may overlap.
/// <see cref="Current"/> is an immutable snapshot, safe to read from any thread.
/// </summary>
public sealed class LiveProjections
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, EventEnvelope> _early = [];
    private readonly IEventLog? _log;
    private int _attached;
    private ProjectionSet _current = ProjectionSet.Empty;

    /// <summary>A read model fed only through <see cref="Apply(EventEnvelope)"/> (tests, replays).</summary>
    public LiveProjections() { }

    /// <summary>A read model over <paramref name="log"/>; call <see cref="AttachAsync(CancellationToken)"/> once at start-up.</summary>
    public LiveProjections(IEventLog log) => _log = log ?? throw new ArgumentNullException(nameof(log));

    public ProjectionSet Current => Volatile.Read(ref _current);

    /// <summary>Raised (under the internal lock, in order) after each change of <see cref="Current"/>.</summary>
    public event Action<ProjectionSet, EventEnvelope>? Changed;

    /// <summary>Folds the whole log, then follows its commits (subscribe before reading, so nothing is missed).</summary>
    public static async Task<LiveProjections> AttachAsync(IEventLog log, CancellationToken ct = default)
    {
        var live = new LiveProjections(log);
        await live.AttachAsync(ct).ConfigureAwait(false);
        return live;
    }

    /// <summary>Subscribes to the log's commits (once) and folds everything already in it.</summary>
    public async Task AttachAsync(CancellationToken ct = default)
    {
        var log = _log ?? throw new InvalidOperationException("This read model has no log to attach to.");
        if (Interlocked.Exchange(ref _attached, 1) == 0) log.Committed += Apply;
        await CatchUpAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Applies every envelope the log holds beyond <see cref="Current"/> (the tail read).</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        var log = _log ?? throw new InvalidOperationException("This read model has no log to read.");
        await foreach (var e in log.ReadAllAsync(Current.Sequence, ct).ConfigureAwait(false))
            Apply(e);
    }

    public void Apply(IReadOnlyList<EventEnvelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        foreach (var e in envelopes) Apply(e);
    }

    public void Apply(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        lock (_gate)
        {
            if (envelope.Sequence <= _current.Sequence) return;
            _early[envelope.Sequence] = envelope;
            while (_early.Remove(_current.Sequence + 1, out var next))
            {
                Volatile.Write(ref _current, _current.Apply(next.Sequence, next.Data));
                Changed?.Invoke(_current, next);
            }
        }
    }
}
