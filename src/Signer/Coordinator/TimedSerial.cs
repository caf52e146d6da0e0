using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Serial numbers that carry their token's genTime: 16 bytes = 0x40 marker byte, the genTime in
/// Unix milliseconds (7 bytes, big-endian), then 8 random bytes. Participants refuse a serial whose
/// embedded time is not the TSTInfo's genTime, so an old serial can only come back with its old
/// genTime, which the genTime window refuses anyway. That is what lets <see cref="SerialLedger"/>
/// forget serials and still keep every serial unique.
/// </summary>
public static class TimedSerial
{
    private const byte Marker = 0x40;

    public static SerialNumber For(DateTimeOffset genTime)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(b, MillisOf(genTime));
        if (b[0] != 0) throw new ArgumentOutOfRangeException(nameof(genTime), "genTime beyond year 10000");
        b[0] = Marker;
        RandomNumberGenerator.Fill(b[8..]);
        return new SerialNumber(new BigInteger(b, isUnsigned: true, isBigEndian: true));
    }

    /// <summary>True when <paramref name="serial"/> has this format and embeds exactly <paramref name="genTime"/> (to the millisecond).</summary>
    public static bool Matches(SerialNumber serial, DateTimeOffset genTime)
    {
        if (serial.Value.Sign <= 0 || serial.Value.GetByteCount(isUnsigned: true) != 16) return false;
        Span<byte> b = stackalloc byte[16];
        if (!serial.Value.TryWriteBytes(b, out _, isUnsigned: true, isBigEndian: true) || b[0] != Marker) return false;
        b[0] = 0;
        return BinaryPrimitives.ReadInt64BigEndian(b) == MillisOf(genTime);
    }

    private static long MillisOf(DateTimeOffset genTime) => genTime.ToUnixTimeMilliseconds();
}
