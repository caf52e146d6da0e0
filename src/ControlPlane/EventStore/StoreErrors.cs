using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// The one place that turns Npgsql / SQLite / Marten errors into project exceptions, so callers
/// of either adapter handle the same few cases (Marten's exception-transformer idea).
/// </summary>
public static class StoreErrors
{
    /// <summary>Marker in the trigger messages of both stores.</summary>
    public const string AppendOnlyMarker = "cctsa: events are append-only";

    public static Exception Translate(Exception e)
    {
        switch (e)
        {
            case EventStoreException or OperationCanceledException:
                return e;
            case PostgresException pg when pg.MessageText.Contains(AppendOnlyMarker, StringComparison.Ordinal):
                return new AppendOnlyViolationException("PostgreSQL refused to modify stored events (append-only).", e);
            case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure }:
                return new ChainHeadMovedException("The chain head moved while appending.", e);
            case SqliteException sq when sq.Message.Contains(AppendOnlyMarker, StringComparison.Ordinal):
                return new AppendOnlyViolationException("SQLite refused to modify stored events (append-only).", e);
            case SqliteException { SqliteErrorCode: 19 } sq when sq.Message.Contains("UNIQUE", StringComparison.Ordinal):
                return new ChainHeadMovedException("The chain head moved while appending.", e);
            case SqliteException or NpgsqlException or DbException or TimeoutException:
                return new StoreUnavailableException("Event store failure: " + e.Message, e);
        }
        // Marten's own concurrency exception (a version conflict on the audit stream)
        if (e.GetType().Name.Contains("ConcurrencyException", StringComparison.Ordinal)
            || e.GetType().Name.Contains("UnexpectedMaxEventId", StringComparison.Ordinal))
            return new ChainHeadMovedException("The chain head moved while appending.", e);
        return e.InnerException is { } inner && Translate(inner) is EventStoreException translated ? translated : e;
    }

    /// <summary>Runs a store call and rethrows any failure translated.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        try { return await action().ConfigureAwait(false); }
        catch (Exception e) when (Translate(e) is var t && !ReferenceEquals(t, e)) { throw t; }
    }
}
