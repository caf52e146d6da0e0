using System.Collections;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CcTsa.Contracts.Ids;
using MassTransit.Serialization;

namespace CcTsa.Hosting;

/// <summary>
/// The SHA-256 digest a node signs for a message body. It walks the bus serializer's own JSON
/// contract (<see cref="SystemTextJsonMessageSerializer.Options"/>, property by property in
/// contract order), so exactly the fields the bus carries are covered — a field added to a
/// contract is covered without touching this file — but it hashes their values in a
/// length-prefixed binary form (byte arrays raw, no base64, no JSON text) instead of serializing
/// the message a second time. The sender digests the object it sends and the receiver the object
/// the bus deserialized; the contracts are records of ids, byte arrays, strings, numbers and lists,
/// which round-trip through the bus exactly, so both sides hash the same values.
/// Why not the serializer's bytes: the envelope MassTransit serializes holds the headers the
/// signature travels in, and the filter that signs runs before serialization.
/// </summary>
public static class CanonicalBody
{
    private const byte Null = 0, Present = 1, Element = 0xE1, End = 0xE0;

    public const int DigestSize = SHA256.HashSizeInBytes;

    /// <summary>SHA-256 over the canonical encoding of <paramref name="message"/> as contract type <paramref name="type"/>.</summary>
    public static byte[] Digest(object message, Type type)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(type);
        using var sink = new DigestSink();
        Write(sink, message, type);
        return sink.Finish();
    }

    private static void Write(DigestSink sink, object? value, Type declared)
    {
        if (value is null)
        {
            sink.Byte(Null);
            return;
        }
        sink.Byte(Present);
        var type = declared == typeof(object) ? value.GetType() : Nullable.GetUnderlyingType(declared) ?? declared;
        if (TryWriteLeaf(sink, value, type)) return;
        var info = SystemTextJsonMessageSerializer.Options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                    if (property.Get is { } get) Write(sink, get(value), property.PropertyType);
                break;
            case JsonTypeInfoKind.Enumerable:
                var elementType = info.ElementType!;
                foreach (var element in (IEnumerable)value)
                {
                    sink.Byte(Element);
                    Write(sink, element, elementType);
                }
                sink.Byte(End);
                break;
            default: // custom converters, dictionaries: their JSON text, length-prefixed
                sink.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, info));
                break;
        }
    }

    private static bool TryWriteLeaf(DigestSink sink, object value, Type type)
    {
        switch (value)
        {
            case byte[] bytes: sink.Bytes(bytes); return true;
            case string s: sink.Utf8(s); return true;
            case NodeId node: sink.Utf8(node.Value); return true;
            case KeyEpoch epoch: sink.Int64(epoch.Number); return true;
            case Guid guid: sink.Guid(guid); return true;
            case bool b: sink.Byte(b ? (byte)1 : (byte)0); return true;
            case int i: sink.Int64(i); return true;
            case long l: sink.Int64(l); return true;
            case double d: sink.Int64(BitConverter.DoubleToInt64Bits(d)); return true;
            case DateTimeOffset at:
                sink.Int64(at.UtcTicks);
                sink.Int64(at.Offset.Ticks);
                return true;
            case TimeSpan span: sink.Int64(span.Ticks); return true;
            case Enum when type.IsEnum: sink.Int64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); return true;
            default: return false;
        }
    }
}
