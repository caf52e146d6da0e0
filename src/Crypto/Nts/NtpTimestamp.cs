using System.Buffers.Binary;

namespace CcTsa.Crypto.Nts;

/// <summary>
/// The 64-bit NTP timestamp (RFC 5905 §6): seconds since 1900-01-01 and a 32-bit fraction. Values
/// below 2^31 seconds are read as era 1 (after 2036-02-07), which keeps the codec right until 2104.
/// </summary>
public static class NtpTimestamp
{
    private static readonly DateTimeOffset Era0 = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Era1 = Era0.AddSeconds(4294967296d);

    public static DateTimeOffset Read(ReadOnlySpan<byte> source)
    {
        var seconds = BinaryPrimitives.ReadUInt32BigEndian(source);
        var fraction = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        var epoch = seconds < 0x8000_0000u ? Era1 : Era0;
        return epoch + TimeSpan.FromSeconds(seconds) + TimeSpan.FromTicks((long)((fraction * (ulong)TimeSpan.TicksPerSecond) >> 32));
    }

    public static void Write(DateTimeOffset value, Span<byte> destination)
    {
        var since = value - (value >= Era1 ? Era1 : Era0);
        var seconds = (uint)(since.Ticks / TimeSpan.TicksPerSecond);
        var fraction = (uint)(((ulong)(since.Ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond);
        BinaryPrimitives.WriteUInt32BigEndian(destination, seconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], fraction);
    }
}
