using CcTsa.Contracts.Events;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// The append-only, hash-chained audit log (port). Adapters: Sqlite.SqliteEventLog (embedded) and
/// Marten.MartenEventLog (PostgreSQL). Appends from many callers are group-committed: each call's
/// task completes only once its events are durable, with their envelopes in the same order.
/// </summary>
public interface IEventLog : IAsyncDisposable
{
    /// <summary>Raised after each durable append transaction of THIS instance, in sequence order (see <see cref="GroupCommit.Committed"/>).</summary>
    event Action<IReadOnlyList<EventEnvelope>>? Committed;

    /// <summary>Appends events (each a type listed in <see cref="EventCodec"/>); returns once durable.</summary>
    /// <exception cref="UnknownEventTypeException">an object is not a listed event (nothing is written).</exception>
    Task<IReadOnlyList<EventEnvelope>> AppendAsync(IReadOnlyList<object> events, CancellationToken ct = default);

    /// <summary>Up to <paramref name="limit"/> envelopes with sequence &gt; <paramref name="after"/> that match, in order.</summary>
    Task<IReadOnlyList<EventEnvelope>> ReadAsync(long after, int limit, EventFilter? filter = null, CancellationToken ct = default);

    /// <summary>Every envelope with sequence &gt; <paramref name="after"/>, streamed in order.</summary>
    IAsyncEnumerable<EventEnvelope> ReadAllAsync(long after = 0, CancellationToken ct = default);

    /// <summary>Raw rows with sequence &gt; <paramref name="after"/> in order, as stored (what verification hashes).</summary>
    IAsyncEnumerable<StoredEvent> StoredAsync(long after, CancellationToken ct = default);

    /// <summary>Completes once every append this instance queued before the call is written, including ones whose caller stopped waiting.</summary>
    Task FlushAsync(CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>The durable chain head.</summary>
    Task<ChainHead> HeadAsync(CancellationToken ct = default);

    /// <summary>Re-walks the whole chain from the stored rows (see <see cref="ChainVerifier"/>).</summary>
    Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default);
}
