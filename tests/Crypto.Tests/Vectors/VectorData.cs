using System.Text.Json;
using CcTsa.Crypto.Ed25519;
using CcTsa.Testing;

namespace CcTsa.Crypto.Tests.Vectors;

/// <summary>Small readers for the frost-ed25519 JSON fixtures (hex, little-endian).</summary>
internal static class VectorData
{
    public static JsonElement Load(string file) => Fixtures.Json("frost-ed25519/" + file).RootElement.Clone();

    public static byte[] Hex(JsonElement e) => Convert.FromHexString(e.GetString()!);

    public static string HexOf(ReadOnlySpan<byte> b) => Convert.ToHexStringLower(b);

    public static Point Pt(JsonElement e) => Point.TryDecode(Hex(e), out var p) ? p : throw new InvalidDataException("bad point in vector");

    public static Scalar Sc(JsonElement e) => Scalar.TryFrom(Hex(e)) ?? throw new InvalidDataException("bad scalar in vector");

    public static int Int(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : int.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
