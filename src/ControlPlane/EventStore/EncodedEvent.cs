namespace CcTsa.ControlPlane.EventStore;

/// <summary>An event turned into its type alias and canonical UTF-8 JSON by <see cref="EventCodec"/>.</summary>
public sealed record EncodedEvent(string Type, ReadOnlyMemory<byte> Utf8, object Data);
