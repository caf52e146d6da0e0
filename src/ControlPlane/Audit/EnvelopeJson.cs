using System.Text.Json;
using CcTsa.Contracts.Events;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// JSON form of an envelope for export and the events API:
/// {"sequence","timestamp","type","prevHash","hash","data"} where data is exactly the codec's
/// canonical bytes (what the hash covers), so an exported line can be re-hashed offline.
/// </summary>
public static class EnvelopeJson
{
    public static void Write(Utf8JsonWriter w, EventEnvelope e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteNumber("sequence", e.Sequence);
        w.WriteString("timestamp", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("type", e.Type);
        w.WriteString("prevHash", e.PrevHash.Hex);
        w.WriteString("hash", e.Hash.Hex);
        w.WritePropertyName("data");
        w.WriteRawValue(EventCodec.Encode(e.Data).Utf8.Span, skipInputValidation: true);
        w.WriteEndObject();
    }

    public static byte[] ToUtf8(EventEnvelope e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) Write(w, e);
        return buffer.ToArray();
    }
}
