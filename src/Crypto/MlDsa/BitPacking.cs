namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// FIPS 204 SimpleBitPack/BitPack (Algorithms 16–19): 256 values of <c>bits</c> bits each as a
/// little-endian bit stream. Callers map coefficients to the non-negative packed value first
/// (t1 as is, z as γ1 − z, η-polys as η − s).
/// </summary>
internal static class BitPacking
{
    public static void Pack(ReadOnlySpan<int> values, int bits, Span<byte> dst)
    {
        ulong acc = 0;
        int filled = 0, o = 0;
        foreach (var v in values)
        {
            acc |= (ulong)(uint)v << filled;
            filled += bits;
            while (filled >= 8)
            {
                dst[o++] = (byte)acc;
                acc >>= 8;
                filled -= 8;
            }
        }
        if (filled > 0) dst[o] = (byte)acc;
    }

    public static void Unpack(ReadOnlySpan<byte> src, int bits, Span<int> values)
    {
        ulong acc = 0;
        int filled = 0, i = 0;
        var mask = (1UL << bits) - 1;
        foreach (var b in src)
        {
            acc |= (ulong)b << filled;
            filled += 8;
            while (filled >= bits && i < values.Length)
            {
                values[i++] = (int)(acc & mask);
                acc >>= bits;
                filled -= bits;
            }
        }
    }
}
