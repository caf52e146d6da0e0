using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CcTsa.Contracts.Ids;

/// <summary>
/// A signer node of the fleet: "n1".."n9" (the default fleet is n1..n5). Made only by
/// <see cref="Parse"/>/<see cref="TryParse"/>; <see cref="Index"/> is the 1-based position that
/// the FROST participant identifier is derived from (in one place, CcTsa.Crypto.Sharing).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(NodeIdJsonConverter))]
public readonly partial record struct NodeId
{
    private NodeId(string value) => Value = value;

    public string Value { get; }

    /// <summary>1-based index of the node ("n3" → 3).</summary>
    public int Index => int.Parse(Value.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    public static NodeId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"Not a node id: expected n1..n99, got '{Truncate(value)}'.");

    public static bool TryParse([NotNullWhen(true)] string? value, out NodeId id)
    {
        id = default;
        if (value is null || !Pattern().IsMatch(value)) return false;
        id = new NodeId(value);
        return true;
    }

    public static NodeId FromIndex(int index) =>
        index is >= 1 and <= 99 ? new NodeId("n" + index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : throw new ArgumentOutOfRangeException(nameof(index), index, "Node index must be 1..99.");

    public override string ToString() => Value;

    private static string Truncate(string? s) => s is null ? "<null>" : s.Length <= 16 ? s : s[..16] + "…";

    [GeneratedRegex("^n[1-9][0-9]?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
