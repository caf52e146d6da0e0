using System.Numerics;
using System.Security.Cryptography;

namespace CcTsa.Contracts.Ids;

/// <summary>
/// A TSTInfo serial number (positive, so the DER INTEGER never needs a sign byte beyond one),
/// unique across restarts and key epochs. Signers mint them as 0x40, genTime in Unix ms and 64
/// random bits (Signer TimedSerial) so that each participant can refuse a repeat with bounded
/// memory; NewRandom (128 random bits) serves tests and tools. The control plane's token index
/// refuses a serial already issued. Hex is the canonical text form (lower case, no leading zeros).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SerialNumberJsonConverter))]
public readonly record struct SerialNumber(BigInteger Value)
{
    public static SerialNumber NewRandom()
    {
        Span<byte> b = stackalloc byte[16];
        RandomNumberGenerator.Fill(b);
        b[0] &= 0x7F;
        b[0] |= 0x40; // fixed length: always 16 bytes, never a leading zero
        return new SerialNumber(new BigInteger(b, isUnsigned: true, isBigEndian: true));
    }

    public string ToHex() => Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0') is { Length: > 0 } s ? s : "0";

    public static SerialNumber ParseHex(string hex) =>
        new(BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => ToHex();
}
