using System.Text.Json;
using System.Text.Json.Serialization;

namespace CcTsa.Contracts.Hashing;

/// <summary>Bus JSON form of <see cref="Sha256Hash"/>: its 64 lower-case hex digits (it has no public constructor).</summary>
public sealed class Sha256HashJsonConverter : JsonConverter<Sha256Hash>
{
    public override Sha256Hash Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Sha256Hash.TryParse(reader.GetString(), out var hash)
            ? hash
            : throw new JsonException("Not a SHA-256 digest: expected a string of 64 hex digits.");

    public override void Write(Utf8JsonWriter writer, Sha256Hash value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Hex);
    }
}
