using System.Text.Json;
using System.Text.Json.Serialization;

namespace CcTsa.Contracts.Ids;

/// <summary>Bus JSON form of <see cref="KeyEpoch"/>: the plain epoch number, as the audit events store it.</summary>
public sealed class KeyEpochJsonConverter : JsonConverter<KeyEpoch>
{
    public override KeyEpoch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number)) throw new JsonException("A key epoch must be a JSON integer.");
        return new KeyEpoch(number);
    }

    public override void Write(Utf8JsonWriter writer, KeyEpoch value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.Number);
    }
}
