using System.Diagnostics.CodeAnalysis;

namespace CcTsa.Crypto.Channel;

/// <summary>A node's X25519 channel public key (32 bytes); the attestation report binds it. Prints and parses as hex.</summary>
public readonly struct ChannelPublicKey : IEquatable<ChannelPublicKey>
{
    public const int Size = 32;

    private readonly byte[] _bytes;

    private ChannelPublicKey(byte[] bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new InvalidOperationException("Uninitialised ChannelPublicKey (default).");

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out ChannelPublicKey key)
    {
        key = default;
        if (bytes.Length != Size) return false;
        key = new ChannelPublicKey(bytes.ToArray());
        return true;
    }

    public static bool TryParse([NotNullWhen(true)] string? hex, out ChannelPublicKey key)
    {
        key = default;
        if (hex is null || hex.Length != Size * 2) return false;
        try
        {
            return TryFromBytes(Convert.FromHexString(hex), out key);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static ChannelPublicKey Parse(string hex) =>
        TryParse(hex, out var k) ? k : throw new FormatException("A channel public key is 64 hex characters.");

    public bool Equals(ChannelPublicKey other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is ChannelPublicKey k && Equals(k);

    public override int GetHashCode() => BitConverter.ToInt32(Bytes);

    public static bool operator ==(ChannelPublicKey a, ChannelPublicKey b) => a.Equals(b);

    public static bool operator !=(ChannelPublicKey a, ChannelPublicKey b) => !a.Equals(b);

    public override string ToString() => Convert.ToHexStringLower(Bytes);
}
