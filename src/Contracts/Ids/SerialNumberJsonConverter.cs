using System.Text.Json;
using System.Text.Json.Serialization;

namespace CcTsa.Contracts.Ids;

/// <summary>
/// Bus JSON form of <see cref="SerialNumber"/>: its canonical hex text. Needed because the default
/// System.Text.Json contract (MassTransit, every transport) cannot carry a BigInteger.
/// </summary>
public sealed class SerialNumberJsonConverter : JsonConverter<SerialNumber>
{
    public override SerialNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A serial number must be a JSON string of hex digits.");
        var hex = reader.GetString();
        if (string.IsNullOrEmpty(hex) || hex.Length > 40 || !hex.All(char.IsAsciiHexDigit)) throw new JsonException("Not a serial number: expected 1..40 hex digits.");
        return SerialNumber.ParseHex(hex);
    }

    public override void Write(Utf8JsonWriter writer, SerialNumber value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToHex());
    }
}
