namespace CcTsa.ControlPlane.EventStore;

/// <summary>Base of the few project exceptions both event-log adapters raise (see <see cref="StoreErrors"/>).</summary>
public abstract class EventStoreException : Exception
{
    protected EventStoreException(string message, Exception? inner = null) : base(message, inner) { }
}
