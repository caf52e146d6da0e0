using System.Globalization;
using System.Text.Json;

namespace CcTsa.Scenarios.Harness;

/// <summary>One row of GET /api/events: sequence, store time, snake_case type, hash, data (camelCase fields).</summary>
public sealed record AuditEvent(long Sequence, DateTimeOffset Timestamp, string Type, string Hash, JsonElement Data)
{
    public string? Text(string field) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(field, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => v.GetRawText(),
            }
            : null;

    /// <summary>A node id field ("n3", or {"value":"n3"} if the codec writes the struct).</summary>
    public string? NodeField(string field) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(field, out var v) ? NodeOf(v) : null;

    /// <summary>A list of node ids (helpers, signers, participants, share holders).</summary>
    public IReadOnlyList<string> Nodes(string field) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(NodeOf).OfType<string>()]
            : [];

    /// <summary>A key epoch field (a number, "epoch-2", or {"number":2}).</summary>
    public int? EpochField(string field = "epoch")
    {
        if (Data.ValueKind != JsonValueKind.Object || !Data.TryGetProperty(field, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt32(),
            JsonValueKind.String when int.TryParse(v.GetString()!.Replace("epoch-", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            JsonValueKind.Object when v.TryGetProperty("number", out var num) && num.ValueKind == JsonValueKind.Number => num.GetInt32(),
            _ => null,
        };
    }

    public DateTimeOffset? TimeField(string field) =>
        Text(field) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;

    public bool TextIs(string field, string expected) => string.Equals(Text(field), expected, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"#{Sequence} {Type} {Data.GetRawText()}";

    private static string? NodeOf(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Object when v.TryGetProperty("value", out var inner) => inner.GetString(),
        _ => null,
    };
}
