using CcTsa.Contracts.Events;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// The control plane's in-memory view: a <see cref="ProjectionSet"/> kept current by applying each
/// newly committed envelope exactly once, in sequence order. Envelopes that arrive early are held
/// until the gap closes; ones already applied are ignored. <see cref="Current"/> is an immutable
/// snapshot, safe to read from any thread.
/// </summary>
public sealed class LiveProjections
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, EventEnvelope> _early = [];
    private ProjectionSet _current = ProjectionSet.Empty;

    public ProjectionSet Current => Volatile.Read(ref _current);

    /// <summary>Raised (under the internal lock, in order) after each change of <see cref="Current"/>.</summary>
    public event Action<ProjectionSet, EventEnvelope>? Changed;

    /// <summary>Folds the whole log, then follows its commits (subscribe before reading, so nothing is missed).</summary>
    public static async Task<LiveProjections> AttachAsync(IEventLog log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var live = new LiveProjections();
        log.Committed += live.Apply;
        await foreach (var e in log.ReadAllAsync(0, ct).ConfigureAwait(false))
            live.Apply(e);
        return live;
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
