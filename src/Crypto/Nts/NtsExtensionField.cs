using System.Buffers.Binary;

namespace CcTsa.Crypto.Nts;

/// <summary>
/// An NTPv4 extension field (RFC 7822): 16-bit type, 16-bit total length (a multiple of 4,
/// including the 4-byte header), then the value padded with zeros. The NTS types are RFC 8915 §5.
/// </summary>
public readonly record struct NtsExtensionField(ushort Type, int Offset, int Length, ReadOnlyMemory<byte> Value)
{
    public const ushort UniqueIdentifier = 0x0104;
    public const ushort Cookie = 0x0204;
    public const ushort CookiePlaceholder = 0x0304;
    public const ushort Authenticator = 0x0404;

    /// <summary>Appends a field holding <paramref name="value"/>, padded to 4 bytes.</summary>
    public static void Append(List<byte> packet, ushort type, ReadOnlySpan<byte> value)
    {
        var length = 4 + Pad4(value.Length);
        Span<byte> head = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(head, type);
        BinaryPrimitives.WriteUInt16BigEndian(head[2..], (ushort)length);
        packet.AddRange(head);
        packet.AddRange(value);
        for (var i = value.Length; i < length - 4; i++) packet.Add(0);
    }

    public static int Pad4(int n) => (n + 3) & ~3;

    /// <summary>Splits <paramref name="data"/> into fields; null (with the reason) when a length is impossible.</summary>
    public static IReadOnlyList<NtsExtensionField>? TryReadAll(ReadOnlyMemory<byte> data, int baseOffset, out string problem)
    {
        var fields = new List<NtsExtensionField>();
        var at = 0;
        problem = "";
        while (at < data.Length)
        {
            if (data.Length - at < 4) { problem = $"{data.Length - at} stray bytes after the last extension field"; return null; }
            var span = data.Span[at..];
            var type = BinaryPrimitives.ReadUInt16BigEndian(span);
            var length = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
            if (length < 4 || length % 4 != 0) { problem = $"extension field 0x{type:x4} has length {length}, not a multiple of 4 of at least 4"; return null; }
            if (length > data.Length - at) { problem = $"extension field 0x{type:x4} claims {length} bytes, only {data.Length - at} remain"; return null; }
            fields.Add(new NtsExtensionField(type, baseOffset + at, length, data.Slice(at + 4, length - 4)));
            at += length;
        }
        return fields;
    }
}
