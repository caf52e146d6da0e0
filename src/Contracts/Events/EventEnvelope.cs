using CcTsa.Contracts.Hashing;

namespace CcTsa.Contracts.Events;

/// <summary>
/// One stored audit event: the fact (<see cref="Data"/>, a record from CcTsa.Contracts.Events)
/// plus what the log adds when it becomes durable — a gapless global sequence starting at 1, the
/// store's timestamp (microsecond precision), the snake_case type alias, the previous event's hash
/// and this event's own hash (Marten's IEvent&lt;T&gt; idea: facts never carry their own metadata).
/// </summary>
public sealed record EventEnvelope(
    long Sequence,
    DateTimeOffset Timestamp,
    string Type,
    Sha256Hash PrevHash,
    Sha256Hash Hash,
    object Data);
