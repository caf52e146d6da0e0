using System.Globalization;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// A FROST participant identifier: the non-zero scalar 1..65535 (RFC 9591 §4.4 identifiers are
/// non-zero scalars; frost-core's u16 identifiers are these). <see cref="FromNode"/> is the one
/// place a node becomes an identifier. Ordered by value; never a bare integer elsewhere.
/// </summary>
public readonly struct ParticipantId : IEquatable<ParticipantId>, IComparable<ParticipantId>
{
    public const int MaxValue = ushort.MaxValue;

    private readonly ushort _value;

    private ParticipantId(ushort value) => _value = value;

    /// <summary>The integer value, 1..65535.</summary>
    public int Value => _value != 0 ? _value : throw new InvalidOperationException("Uninitialised ParticipantId (default).");

    /// <summary>The identifier of a signer node: node n<i>k</i> is participant <i>k</i>.</summary>
    public static ParticipantId FromNode(NodeId node) => FromIndex(node.Index);

    /// <summary>The identifier with integer value <paramref name="value"/> (1..65535).</summary>
    public static ParticipantId FromIndex(int value) =>
        value is >= 1 and <= MaxValue ? new ParticipantId((ushort)value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A participant identifier is 1..65535.");

    /// <summary>Decodes the 32-byte scalar encoding; false unless it encodes 1..65535.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out ParticipantId id)
    {
        id = default;
        if (encoding.Length != 32 || encoding[2..].ContainsAnyExcept((byte)0)) return false;
        var v = (ushort)(encoding[0] | (encoding[1] << 8));
        if (v == 0) return false;
        id = new ParticipantId(v);
        return true;
    }

    /// <summary>The identifier as a scalar (SerializeScalar of RFC 9591).</summary>
    public PublicScalar ToScalar() => PublicScalar.FromInt((ulong)Value);

    public void WriteTo(Span<byte> destination)
    {
        destination[..32].Clear();
        destination[0] = (byte)Value;
        destination[1] = (byte)(Value >> 8);
    }

    public bool Equals(ParticipantId other) => _value == other._value;

    public override bool Equals(object? obj) => obj is ParticipantId p && Equals(p);

    public override int GetHashCode() => _value;

    public int CompareTo(ParticipantId other) => _value.CompareTo(other._value);

    public static bool operator ==(ParticipantId a, ParticipantId b) => a.Equals(b);

    public static bool operator !=(ParticipantId a, ParticipantId b) => !a.Equals(b);

    public static bool operator <(ParticipantId a, ParticipantId b) => a._value < b._value;

    public static bool operator >(ParticipantId a, ParticipantId b) => a._value > b._value;

    public static bool operator <=(ParticipantId a, ParticipantId b) => a._value <= b._value;

    public static bool operator >=(ParticipantId a, ParticipantId b) => a._value >= b._value;

    public override string ToString() => "p" + _value.ToString(CultureInfo.InvariantCulture);
}
