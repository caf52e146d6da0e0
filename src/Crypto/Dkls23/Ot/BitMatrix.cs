using System.Runtime.Intrinsics;
using static CcTsa.Crypto.Dkls23.Dkls23Params;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// Transposition of the OT-extension matrix: λ_c = 128 rows of <see cref="RowBytes"/> bytes (bit j of
/// a row = bit j&amp;7 of byte j/8) into ξ columns of 128 bits (bit i of a column = row i's bit j,
/// byte i/8, bit i&amp;7). Bit-by-bit this was ~80k shift/mask steps per matrix; here each group of
/// 16 rows × 1 byte is one vector and a column's 16 bits come out of one most-significant-bit
/// extraction after a shift (Vector128: SSE2 movemask on x64, a software path elsewhere). Data
/// independent: the same loads, shifts and stores whatever the bits are.
/// </summary>
internal static class BitMatrix
{
    /// <summary>columns[j·16 .. j·16+16) = column j, for j &lt; <paramref name="count"/> (a multiple of 8).</summary>
    public static void Transpose(ReadOnlySpan<byte> rows, int count, Span<byte> columns)
    {
        if (rows.Length < Kappa * RowBytes || count % 8 != 0 || count > RowBytes * 8 || columns.Length < count * 16)
            throw new ArgumentException("Matrix shape does not match λ_c × RowBits.");
        Span<byte> gathered = stackalloc byte[Kappa];          // byte b of every row, row order
        for (var b = 0; b < count / 8; b++)
        {
            for (var i = 0; i < Kappa; i++) gathered[i] = rows[(i * RowBytes) + b];
            for (var g = 0; g < Kappa / 16; g++)
            {
                var v = Vector128.Create<byte>(gathered.Slice(g * 16, 16));
                for (var k = 0; k < 8; k++)
                {
                    // bit k of each byte to the top, then one bit per row: rows 16g..16g+15 of column 8b+k
                    var bits = (ushort)Vector128.ExtractMostSignificantBits(Vector128.ShiftLeft(v.AsUInt16(), 7 - k).AsByte());
                    var at = (((8 * b) + k) * 16) + (2 * g);
                    columns[at] = (byte)bits;
                    columns[at + 1] = (byte)(bits >> 8);
                }
            }
        }
        gathered.Clear();
    }
}
