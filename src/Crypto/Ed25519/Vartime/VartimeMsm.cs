using System.Runtime.CompilerServices;

namespace CcTsa.Crypto.Ed25519.Vartime;

/// <summary>
/// Σ s_i·P_i over PUBLIC scalars and points, variable time: Straus–Shamir interleaving — one shared
/// chain of 253 doublings, each point's width-5 NAF digits added from a table of its odd multiples
/// (P, 3P, …, 15P). A few points cost about one variable-base multiplication instead of one each.
/// An optional base-point scalar joins the same chain (share verification: z·B − Σ …).
/// </summary>
internal static class VartimeMsm
{
    private const int Width = 5;
    private const int TableSize = 1 << (Width - 2); // odd multiples 1, 3, …, 15

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static EdwardsPoint Compute(ReadOnlySpan<PublicScalar> scalars, ReadOnlySpan<EdwardsPoint> points)
    {
        if (scalars.Length != points.Length)
            throw new ArgumentException($"{scalars.Length} scalars for {points.Length} points", nameof(scalars));
        var n = points.Length;
        if (n == 0) return EdwardsPoint.Identity;
        var nafs = new sbyte[n * Wnaf.Digits];
        var tables = new CachedPoint[n * TableSize];
        var top = -1;
        for (var i = 0; i < n; i++)
        {
            var naf = nafs.AsSpan(i * Wnaf.Digits, Wnaf.Digits);
            Wnaf.Compute(scalars[i].Encoding, Width, naf);
            top = Math.Max(top, naf.LastIndexOfAnyExcept((sbyte)0));
            FillOddMultiples(points[i], tables.AsSpan(i * TableSize, TableSize));
        }
        var acc = EdwardsPoint.Identity;
        for (var bit = top; bit >= 0; bit--)
        {
            // the doubling skips T (one multiplication) when no addition at this bit needs it
            acc = NeedsT(nafs, n, bit) ? EdwardsPoint.DoubleToExtended(acc) : acc.DoubleProjective();
            for (var i = 0; i < n; i++)
            {
                var digit = nafs[(i * Wnaf.Digits) + bit];
                if (digit > 0) acc = acc.Add(tables[(i * TableSize) + (digit >> 1)]);
                else if (digit < 0) acc = acc.Subtract(tables[(i * TableSize) + ((-digit) >> 1)]);
            }
        }
        return acc;
    }

    private static bool NeedsT(sbyte[] nafs, int n, int bit)
    {
        for (var i = 0; i < n; i++)
            if (nafs[(i * Wnaf.Digits) + bit] != 0) return true;
        // the last doubling's T is needed by the caller (plain terms, encoding does not care)
        return bit == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillOddMultiples(in EdwardsPoint p, Span<CachedPoint> table)
    {
        var twice = p.Double().ToCached();
        var current = p;
        table[0] = current.ToCached();
        for (var k = 1; k < table.Length; k++)
        {
            current = current.Add(twice);
            table[k] = current.ToCached();
        }
    }
}
