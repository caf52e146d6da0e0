namespace CcTsa.Crypto.Dkls23;

/// <summary>
/// GF(2^128) = GF(2)[x]/(x^128 + x^7 + x^2 + x + 1), plain (non-reflected) bit order: bit i of the
/// UInt128 is the coefficient of x^i. Used only by the OT-extension consistency check. The
/// multiplier is branch-free in the secret operand <paramref name="a"/>; <paramref name="b"/> is the
/// public challenge χ.
/// </summary>
internal static class Gf128
{
    public static UInt128 Mul(UInt128 a, UInt128 b)
    {
        UInt128 r = 0;
        for (var i = 127; i >= 0; i--)
        {
            var carry = (UInt128)0 - (r >> 127);          // all-ones iff the top bit is set
            r = (r << 1) ^ (carry & 0x87);
            var bit = (UInt128)0 - ((b >> i) & 1);        // χ is public
            r ^= a & bit;
        }
        return r;
    }

    public static UInt128 Read(ReadOnlySpan<byte> sixteen) => System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(sixteen);

    public static void Write(Span<byte> sixteen, UInt128 v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(sixteen, v);
}
