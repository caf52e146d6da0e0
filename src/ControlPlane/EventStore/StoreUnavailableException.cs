namespace CcTsa.ControlPlane.EventStore;

/// <summary>The store could not be reached or failed for a reason other than the ones above.</summary>
public sealed class StoreUnavailableException : EventStoreException
{
    public StoreUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
