using System.Text.Json;
using System.Text.Json.Serialization;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.EventStore.Json;

// Ids and byte values travel as their canonical text (or number) so event JSON reads naturally
// ("node": "n3", "epoch": 2) and round-trips exactly; only EventCodec registers these.

internal sealed class NodeIdJsonConverter : JsonConverter<NodeId>
{
    public override NodeId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NodeId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Invalid node id.");

    public override void Write(Utf8JsonWriter writer, NodeId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

internal sealed class KeyEpochJsonConverter : JsonConverter<KeyEpoch>
{
    public override KeyEpoch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt32());

    public override void Write(Utf8JsonWriter writer, KeyEpoch value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Number);

    // as a dictionary key (projection state keyed by epoch); events never use one
    public override KeyEpoch ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(int.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture));

    public override void WriteAsPropertyName(Utf8JsonWriter writer, KeyEpoch value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed class CeremonyIdJsonConverter : JsonConverter<CeremonyId>
{
    public override CeremonyId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Guid.TryParseExact(reader.GetString(), "N", out var g) ? new CeremonyId(g) : throw new JsonException("Invalid ceremony id.");

    public override void Write(Utf8JsonWriter writer, CeremonyId value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

internal sealed class IncidentIdJsonConverter : JsonConverter<IncidentId>
{
    public override IncidentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Guid.TryParseExact(reader.GetString(), "N", out var g) ? new IncidentId(g) : throw new JsonException("Invalid incident id.");

    public override void Write(Utf8JsonWriter writer, IncidentId value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

internal sealed class SerialNumberJsonConverter : JsonConverter<SerialNumber>
{
    public override SerialNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var s = reader.GetString();
        if (string.IsNullOrEmpty(s) || s.Length > 64 || !s.All(char.IsAsciiHexDigit)) throw new JsonException("Invalid serial number.");
        return SerialNumber.ParseHex(s);
    }

    public override void Write(Utf8JsonWriter writer, SerialNumber value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToHex());

    // as a dictionary key (the read model's token index); events never use one
    public override SerialNumber ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SerialNumber.ParseHex(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, SerialNumber value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToHex());
}

internal sealed class Sha256HashJsonConverter : JsonConverter<Sha256Hash>
{
    public override Sha256Hash Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Sha256Hash.TryParse(reader.GetString(), out var h) ? h : throw new JsonException("Invalid SHA-256 hex.");

    public override void Write(Utf8JsonWriter writer, Sha256Hash value, JsonSerializerOptions options) => writer.WriteStringValue(value.Hex);
}
