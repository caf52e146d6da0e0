using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace CcTsa.Contracts.Hashing;

/// <summary>
/// A SHA-256 digest (32 bytes). Kept as its lower-case hex text so equality is structural and the
/// value is immutable; <see cref="CopyTo"/> gives the bytes back. <see cref="Zero"/> is the
/// genesis "previous hash" of the audit chain.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Sha256HashJsonConverter))]
public readonly record struct Sha256Hash
{
    public const int Size = 32;

    private readonly string? _hex;

    private Sha256Hash(string hex) => _hex = hex;

    /// <summary>64 lower-case hex digits.</summary>
    public string Hex => _hex ?? ZeroHex;

    public static Sha256Hash Zero { get; } = new(ZeroHex);

    private static string ZeroHex => new('0', Size * 2);

    public static Sha256Hash FromBytes(ReadOnlySpan<byte> digest) =>
        digest.Length == Size ? new Sha256Hash(Convert.ToHexStringLower(digest))
            : throw new ArgumentException($"A SHA-256 digest is {Size} bytes, got {digest.Length}.", nameof(digest));

    public static Sha256Hash Of(ReadOnlySpan<byte> data) => FromBytes(SHA256.HashData(data));

    public static Sha256Hash Parse(string hex) =>
        TryParse(hex, out var h) ? h : throw new FormatException("Not a SHA-256 digest: expected 64 hex digits.");

    public static bool TryParse([NotNullWhen(true)] string? hex, out Sha256Hash hash)
    {
        hash = default;
        if (hex is null || hex.Length != Size * 2) return false;
        foreach (var c in hex)
            if (!char.IsAsciiHexDigit(c)) return false;
        hash = new Sha256Hash(hex.ToLowerInvariant());
        return true;
    }

    public void CopyTo(Span<byte> destination) => Convert.FromHexString(Hex, destination, out _, out _);

    public byte[] ToArray() => Convert.FromHexString(Hex);

    public override string ToString() => Hex;
}
