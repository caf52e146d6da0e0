namespace CcTsa.Crypto.P384;

/// <summary>
/// k·G for a secret k, constant time, without OpenSSL's ladder (which ignores precomputation and
/// costs ~2× this): k is cut into 96 four-bit digits k_w and k·G = Σ_w k_w·16^w·G, each term read
/// from a table of d·16^w·G (d = 1..15, affine, Montgomery form; built once from OpenSSL's public
/// point arithmetic) by scanning all 15 entries with masks, and added with the complete mixed
/// formula of Renes–Costello–Batina (ePrint 2015/1060, Alg. 5, a = −3) — no exceptional cases, so
/// no branch. A zero digit still does the addition and then keeps the old sum by a mask.
/// The result leaves through one blinded inversion (<see cref="BaseField.InvertBlinded"/>) as an affine point.
/// </summary>
internal static class FixedBaseComb
{
    private const int Windows = 96;
    private const int Entries = 15;

    private static readonly Lazy<AffineEntry[]> Table = new(Build);

    private struct AffineEntry
    {
        public U384 X, Y;
    }

    /// <summary>Affine (x, y) of k·G as 48-byte big-endian coordinates; k must be non-zero.</summary>
    public static void MulBase(ReadOnlySpan<byte> kBigEndian, Span<byte> x, Span<byte> y)
    {
        var table = Table.Value;
        U384 rx = default, ry = BaseField.One, rz = default;       // the identity (0 : 1 : 0)
        for (var w = 0; w < Windows; w++)
        {
            var d = (uint)((kBigEndian[47 - (w >> 1)] >> (4 * (w & 1))) & 15);
            var index = (d - 1) & (0u - ((d | (0u - d)) >> 31));    // d − 1, or 0 for d = 0, without a branch on d
            var e = Lookup(table.AsSpan(w * Entries, Entries), index);
            AddMixed(rx, ry, rz, e.X, e.Y, out var sx, out var sy, out var sz);
            var keep = 0UL - (ulong)(((d | (0u - d)) >> 31) ^ 1);    // all ones when d = 0
            rx = U384.Select(sx, rx, keep);
            ry = U384.Select(sy, ry, keep);
            rz = U384.Select(sz, rz, keep);
        }
        var zi = BaseField.InvertBlinded(rz);
        BaseField.Mul(rx, zi, out var ax);
        BaseField.Mul(ry, zi, out var ay);
        BaseField.FromMontgomery(ax).Store(x);
        BaseField.FromMontgomery(ay).Store(y);
    }

    /// <summary>table[index] by reading every entry (mask select): the index is secret.</summary>
    private static AffineEntry Lookup(ReadOnlySpan<AffineEntry> row, uint index)
    {
        var r = default(AffineEntry);
        for (var j = 0u; j < row.Length; j++)
        {
            var m = 0UL - (ulong)(((j ^ index) - 1) >> 31);           // all ones iff j == index (both < 2^31)
            r.X = U384.Select(r.X, row[(int)j].X, m);
            r.Y = U384.Select(r.Y, row[(int)j].Y, m);
        }
        return r;
    }

    /// <summary>(X1:Y1:Z1) + (X2, Y2) for any projective P1 (identity included) and affine P2 ≠ ∞; RCB Alg. 5.</summary>
    private static void AddMixed(in U384 x1, in U384 y1, in U384 z1, in U384 x2, in U384 y2, out U384 x3, out U384 y3, out U384 z3)
    {
        var b = BaseField.B;
        BaseField.Mul(x1, x2, out var t0);          // 1
        BaseField.Mul(y1, y2, out var t1);          // 2
        BaseField.Add(x2, y2, out var t3);          // 3
        BaseField.Add(x1, y1, out var t4);          // 4
        BaseField.Mul(t3, t4, out t3);              // 5
        BaseField.Add(t0, t1, out t4);              // 6
        BaseField.Sub(t3, t4, out t3);              // 7
        BaseField.Mul(y2, z1, out t4);              // 8
        BaseField.Add(t4, y1, out t4);              // 9
        BaseField.Mul(x2, z1, out y3);              // 10
        BaseField.Add(y3, x1, out y3);              // 11
        BaseField.Mul(b, z1, out z3);               // 12
        BaseField.Sub(y3, z3, out x3);              // 13
        BaseField.Add(x3, x3, out z3);              // 14
        BaseField.Add(x3, z3, out x3);              // 15
        BaseField.Sub(t1, x3, out z3);              // 16
        BaseField.Add(t1, x3, out x3);              // 17
        BaseField.Mul(b, y3, out y3);               // 18
        BaseField.Add(z1, z1, out t1);              // 19
        BaseField.Add(t1, z1, out var t2);          // 20
        BaseField.Sub(y3, t2, out y3);              // 21
        BaseField.Sub(y3, t0, out y3);              // 22
        BaseField.Add(y3, y3, out t1);              // 23
        BaseField.Add(t1, y3, out y3);              // 24
        BaseField.Add(t0, t0, out t1);              // 25
        BaseField.Add(t1, t0, out t0);              // 26
        BaseField.Sub(t0, t2, out t0);              // 27
        BaseField.Mul(t4, y3, out t1);              // 28
        BaseField.Mul(t0, y3, out t2);              // 29
        BaseField.Mul(x3, z3, out y3);              // 30
        BaseField.Add(y3, t2, out y3);              // 31
        BaseField.Mul(t3, x3, out x3);              // 32
        BaseField.Sub(x3, t1, out x3);              // 33
        BaseField.Mul(t4, z3, out z3);              // 34
        BaseField.Mul(t3, t0, out t1);              // 35
        BaseField.Add(z3, t1, out z3);              // 36
    }

    /// <summary>d·16^w·G for w &lt; 96, d = 1..15, from OpenSSL's (public, variable-time) point addition.</summary>
    private static AffineEntry[] Build()
    {
        var table = new AffineEntry[Windows * Entries];
        var baseW = P384Point.Generator;
        for (var w = 0; w < Windows; w++)
        {
            var acc = baseW;
            for (var d = 1; d <= Entries; d++)
            {
                var enc = acc.EncodeUncompressed();
                table[(w * Entries) + d - 1] = new AffineEntry
                {
                    X = BaseField.ToMontgomery(U384.Load(enc.AsSpan(1, 48))),
                    Y = BaseField.ToMontgomery(U384.Load(enc.AsSpan(49, 48))),
                };
                acc += baseW;                                   // ends at 16·16^w·G = 16^(w+1)·G
            }
            baseW = acc;
        }
        return table;
    }
}
