namespace CcTsa.ControlPlane.EventStore;

/// <summary>The database refused an UPDATE, DELETE or TRUNCATE of stored events (append-only trigger).</summary>
public sealed class AppendOnlyViolationException : EventStoreException
{
    public AppendOnlyViolationException(string message, Exception? inner = null) : base(message, inner) { }
}
