using System.Buffers.Binary;
using System.Numerics;

namespace CcTsa.Crypto.P384;

/// <summary>
/// A 384-bit value as six little-endian 64-bit limbs, held in fields (not an array) so arithmetic in
/// <see cref="Mont384"/> stays on registers and the stack. Plain data: whoever holds a secret in it
/// is responsible for its lifetime (copies on the stack are not wiped, see docs/SECURITY.md).
/// </summary>
internal struct U384
{
    public ulong L0, L1, L2, L3, L4, L5;

    public U384(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5) { L0 = l0; L1 = l1; L2 = l2; L3 = l3; L4 = l4; L5 = l5; }

    public readonly bool IsZero => (L0 | L1 | L2 | L3 | L4 | L5) == 0;

    /// <summary>Equality without an early exit.</summary>
    public readonly bool CtEquals(in U384 o) =>
        ((L0 ^ o.L0) | (L1 ^ o.L1) | (L2 ^ o.L2) | (L3 ^ o.L3) | (L4 ^ o.L4) | (L5 ^ o.L5)) == 0;

    /// <summary>mask = all ones → b, mask = 0 → a (constant-time select).</summary>
    public static U384 Select(in U384 a, in U384 b, ulong mask) => new(
        (a.L0 & ~mask) | (b.L0 & mask), (a.L1 & ~mask) | (b.L1 & mask), (a.L2 & ~mask) | (b.L2 & mask),
        (a.L3 & ~mask) | (b.L3 & mask), (a.L4 & ~mask) | (b.L4 & mask), (a.L5 & ~mask) | (b.L5 & mask));

    /// <summary>Big-endian 48 bytes, no reduction.</summary>
    public static U384 Load(ReadOnlySpan<byte> be48) => new(
        BinaryPrimitives.ReadUInt64BigEndian(be48[40..]), BinaryPrimitives.ReadUInt64BigEndian(be48[32..]),
        BinaryPrimitives.ReadUInt64BigEndian(be48[24..]), BinaryPrimitives.ReadUInt64BigEndian(be48[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(be48[8..]), BinaryPrimitives.ReadUInt64BigEndian(be48));

    public readonly void Store(Span<byte> be48)
    {
        BinaryPrimitives.WriteUInt64BigEndian(be48, L5);
        BinaryPrimitives.WriteUInt64BigEndian(be48[8..], L4);
        BinaryPrimitives.WriteUInt64BigEndian(be48[16..], L3);
        BinaryPrimitives.WriteUInt64BigEndian(be48[24..], L2);
        BinaryPrimitives.WriteUInt64BigEndian(be48[32..], L1);
        BinaryPrimitives.WriteUInt64BigEndian(be48[40..], L0);
    }

    /// <summary>v &lt; m, variable time: public encodings only.</summary>
    public readonly bool LessThan(in U384 m)
    {
        ReadOnlySpan<ulong> v = [L0, L1, L2, L3, L4, L5];
        ReadOnlySpan<ulong> w = [m.L0, m.L1, m.L2, m.L3, m.L4, m.L5];
        for (var j = 5; j >= 0; j--)
        {
            if (v[j] < w[j]) return true;
            if (v[j] > w[j]) return false;
        }
        return false;
    }

    /// <summary>From a non-negative integer below 2^384 (constants and public values only).</summary>
    public static U384 FromBig(BigInteger v)
    {
        Span<byte> b = stackalloc byte[48];
        b.Clear();
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (raw.Length > 48) throw new ArgumentOutOfRangeException(nameof(v), "Value does not fit in 384 bits.");
        raw.CopyTo(b[(48 - raw.Length)..]);
        return Load(b);
    }

    public readonly BigInteger ToBig()
    {
        Span<byte> b = stackalloc byte[48];
        Store(b);
        return new BigInteger(b, isUnsigned: true, isBigEndian: true);
    }

    public override readonly string ToString() => "U384([redacted])";
}
