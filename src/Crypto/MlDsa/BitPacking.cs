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

    /// <summary>Pack(values, 20, dst) two values per 5 bytes: the z encoding, 80 K values per party and run.</summary>
    public static void Pack20(ReadOnlySpan<int> values, Span<byte> dst)
    {
        for (int i = 0, o = 0; i < values.Length; i += 2, o += 5)
        {
            uint v0 = (uint)values[i], v1 = (uint)values[i + 1];
            dst[o] = (byte)v0;
            dst[o + 1] = (byte)(v0 >> 8);
            dst[o + 2] = (byte)((v0 >> 16) & 0x0F | (v1 << 4));
            dst[o + 3] = (byte)(v1 >> 4);
            dst[o + 4] = (byte)(v1 >> 12);
        }
    }

    /// <summary>Unpack(src, 20, values) two values per 5 bytes.</summary>
    public static void Unpack20(ReadOnlySpan<byte> src, Span<int> values)
    {
        for (int i = 0, o = 0; i < values.Length; i += 2, o += 5)
        {
            values[i] = src[o] | src[o + 1] << 8 | (src[o + 2] & 0x0F) << 16;
            values[i + 1] = src[o + 2] >> 4 | src[o + 3] << 4 | src[o + 4] << 12;
        }
    }
}
