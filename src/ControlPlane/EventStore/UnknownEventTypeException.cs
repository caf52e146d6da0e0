namespace CcTsa.ControlPlane.EventStore;

/// <summary>An object that is not a listed audit event was offered to the codec (our bug, or a secret).</summary>
public sealed class UnknownEventTypeException : EventStoreException
{
    // only the type name, never the value: the value might be exactly what must not leak
    public UnknownEventTypeException(string typeName) : base($"'{typeName}' is not an audit event type listed in EventCodec.") { }
}
