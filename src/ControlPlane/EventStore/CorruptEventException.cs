namespace CcTsa.ControlPlane.EventStore;

/// <summary>A stored row cannot be decoded into its event type (tampering or a foreign writer).</summary>
public sealed class CorruptEventException : EventStoreException
{
    public CorruptEventException(string message, Exception? inner = null) : base(message, inner) { }
}
