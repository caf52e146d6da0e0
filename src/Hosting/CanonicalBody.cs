using System.Text.Json;
using MassTransit.Serialization;

namespace CcTsa.Hosting;

/// <summary>
/// The canonical bytes of a message for signing: System.Text.Json with the bus's own serializer
/// options. The sender signs the object it sends and the receiver re-serializes the object it
/// got; the contracts are records of ids, byte arrays (base64), strings and numbers, which
/// round-trip exactly, so both sides hash the same bytes without trusting the envelope.
/// </summary>
public static class CanonicalBody
{
    public static byte[] Serialize(object message, Type type) =>
        JsonSerializer.SerializeToUtf8Bytes(message, type, SystemTextJsonMessageSerializer.Options);
}
