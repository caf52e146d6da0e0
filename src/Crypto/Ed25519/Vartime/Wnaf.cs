using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CcTsa.Crypto.Ed25519.Vartime;

/// <summary>
/// Width-w non-adjacent form of a public scalar (&lt; 2^255): digits are 0 or odd in
/// (−2^(w−1), 2^(w−1)), any w consecutive digits hold at most one non-zero one. Variable time.
/// </summary>
internal static class Wnaf
{
    public const int Digits = 256;

    /// <summary>Writes the 256 digits of <paramref name="scalar"/> (32 bytes little-endian, top bit clear) into <paramref name="naf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<byte> scalar, int width, Span<sbyte> naf)
    {
        if (scalar.Length != 32 || (scalar[31] & 0x80) != 0) throw new ArgumentException("a 32-byte scalar below 2^255 is expected", nameof(scalar));
        if (width is < 2 or > 8) throw new ArgumentOutOfRangeException(nameof(width), width, "wNAF width 2..8");
        if (naf.Length < Digits) throw new ArgumentException($"{Digits} digits needed", nameof(naf));
        Span<ulong> x = stackalloc ulong[5];
        for (var i = 0; i < 4; i++) x[i] = BinaryPrimitives.ReadUInt64LittleEndian(scalar[(8 * i)..]);
        x[4] = 0;
        naf[..Digits].Clear();
        var windowSize = 1UL << width;
        var windowMask = windowSize - 1;
        var carry = 0UL;
        var pos = 0;
        while (pos < Digits)
        {
            var idx = pos / 64;
            var bit = pos % 64;
            var buffer = bit < 64 - width ? x[idx] >> bit : (x[idx] >> bit) | (x[idx + 1] << (64 - bit));
            var window = carry + (buffer & windowMask);
            if ((window & 1) == 0)
            {
                // an even window: the digit here is 0; look one bit further
                pos++;
                continue;
            }
            if (window < windowSize / 2)
            {
                carry = 0;
                naf[pos] = (sbyte)window;
            }
            else
            {
                carry = 1;
                naf[pos] = (sbyte)((long)window - (long)windowSize);
            }
            pos += width;
        }
    }
}
