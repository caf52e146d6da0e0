using System.Text.Json;
using System.Text.Json.Serialization;

namespace CcTsa.Contracts.Ids;

/// <summary>
/// JSON form of <see cref="NodeId"/>: the plain string "n3". Needed because NodeId has no public
/// constructor, so the default System.Text.Json contract (used by MassTransit on every transport)
/// would read it back as an empty id.
/// </summary>
public sealed class NodeIdJsonConverter : JsonConverter<NodeId>
{
    public override NodeId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A node id must be a JSON string.");
        return NodeId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Not a node id: expected n1..n99.");
    }

    public override void Write(Utf8JsonWriter writer, NodeId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
