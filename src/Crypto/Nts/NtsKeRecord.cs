using System.Buffers.Binary;

namespace CcTsa.Crypto.Nts;

/// <summary>
/// One NTS-KE record (RFC 8915 §4): a critical bit, a 15-bit type, a 16-bit body length and the body.
/// </summary>
public sealed record NtsKeRecord(bool Critical, ushort Type, ReadOnlyMemory<byte> Body)
{
    public const int HeaderSize = 4;

    public static NtsKeRecord Of(NtsKeRecordType type, bool critical, params ushort[] values)
    {
        var body = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(i * 2), values[i]);
        return new NtsKeRecord(critical, (ushort)type, body);
    }

    public int EncodedLength => HeaderSize + Body.Length;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)((Critical ? 0x8000 : 0) | Type));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Body.Length);
        Body.Span.CopyTo(destination[HeaderSize..]);
    }

    /// <summary>Reads one record from the front of <paramref name="input"/>; null when it is cut short (more bytes may follow on the stream).</summary>
    public static NtsKeRecord? TryRead(ReadOnlySpan<byte> input, out int consumed)
    {
        consumed = 0;
        if (input.Length < HeaderSize) return null;
        var head = BinaryPrimitives.ReadUInt16BigEndian(input);
        var length = BinaryPrimitives.ReadUInt16BigEndian(input[2..]);
        if (input.Length < HeaderSize + length) return null;
        consumed = HeaderSize + length;
        return new NtsKeRecord((head & 0x8000) != 0, (ushort)(head & 0x7fff), input.Slice(HeaderSize, length).ToArray());
    }
}
