using System.Collections.Immutable;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// A 48-byte launch measurement (SHA-384 sized). A value type with value equality, printed as
/// lowercase hex, so allow-lists compare by content.
/// </summary>
public readonly struct Measurement : IEquatable<Measurement>
{
    public const int Size = 48;
    private readonly ImmutableArray<byte> _bytes;

    private Measurement(ImmutableArray<byte> bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes.IsDefault ? new byte[Size] : _bytes.AsSpan();

    public static Measurement FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Size ? new Measurement(bytes.ToImmutableArray())
            : throw new ArgumentException($"A measurement is {Size} bytes, got {bytes.Length}.", nameof(bytes));

    public static bool TryParseHex(string? hex, out Measurement measurement)
    {
        measurement = default;
        if (hex is null || hex.Length != Size * 2) return false;
        try { measurement = new Measurement(Convert.FromHexString(hex).ToImmutableArray()); return true; }
        catch (FormatException) { return false; }
    }

    public bool Equals(Measurement other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is Measurement m && Equals(m);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Bytes);
        return h.ToHashCode();
    }

    public static bool operator ==(Measurement a, Measurement b) => a.Equals(b);

    public static bool operator !=(Measurement a, Measurement b) => !a.Equals(b);

    public override string ToString() => Convert.ToHexStringLower(Bytes);
}
