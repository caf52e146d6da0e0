using System.Runtime.CompilerServices;

namespace CcTsa.Crypto.P384;

/// <summary>
/// k·G for a secret k, constant time, without OpenSSL's ladder (which ignores precomputation and
/// costs ~2× this): k is recoded into 65 signed six-bit digits k_w ∈ [−31, 32] (64 windows and the
/// final carry) and k·G = Σ_w k_w·64^w·G, each term read from a table of d·64^w·G (d = 1..32,
/// affine, canonical; built once from OpenSSL's public point arithmetic) by scanning all 32
/// entries with masks, negated by a mask when k_w &lt; 0, and added with the complete mixed formula
/// of Renes–Costello–Batina (ePrint 2015/1060, Alg. 5, a = −3) — no exceptional cases, so no branch.
/// A zero digit still does the addition and then keeps the old sum by a mask. Signed six-bit digits
/// need 65 additions where unsigned four-bit ones needed 96 (the additions are most of the cost).
/// The result leaves through one blinded inversion (<see cref="BaseField.InvertBlinded"/>) as an affine point.
/// </summary>
internal static class FixedBaseComb
{
    private const int Bits = 6;
    private const int Windows = (384 / Bits) + 1;          // + the carry out of the top window
    private const int Entries = 1 << (Bits - 1);           // |k_w| ≤ 32

    private static readonly Lazy<AffineEntry[]> Table = new(Build);

    private struct AffineEntry
    {
        public U384 X, Y;
    }

    /// <summary>Affine (x, y) of k·G as 48-byte big-endian coordinates; k must be non-zero.</summary>
    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MulBase(ReadOnlySpan<byte> kBigEndian, Span<byte> x, Span<byte> y)
    {
        var table = Table.Value;
        Span<int> digits = stackalloc int[Windows];
        Recode(kBigEndian, digits);
        U384 rx = default, ry = BaseField.One, rz = default;       // the identity (0 : 1 : 0)
        for (var w = 0; w < Windows; w++)
        {
            var d = digits[w];
            var neg = (uint)d >> 31;
            var mag = (uint)((d ^ -(int)neg) + (int)neg);            // |d| ≤ 32, without a branch
            var nonZero = (mag | (0u - mag)) >> 31;
            var index = (mag - 1) & (0u - nonZero);                  // |d| − 1, or 0 for d = 0
            var e = Lookup(table.AsSpan(w * Entries, Entries), index);
            BaseField.Sub(default, e.Y, out var negY);
            e.Y = U384.Select(e.Y, negY, 0UL - neg);
            AddMixed(rx, ry, rz, e.X, e.Y, out var sx, out var sy, out var sz);
            var keep = 0UL - (ulong)(nonZero ^ 1);                   // all ones when d = 0
            rx = U384.Select(sx, rx, keep);
            ry = U384.Select(sy, ry, keep);
            rz = U384.Select(sz, rz, keep);
        }
        digits.Clear();
        var zi = BaseField.InvertBlinded(rz);
        BaseField.Mul(rx, zi, out var ax);
        BaseField.Mul(ry, zi, out var ay);
        ax.Store(x);
        ay.Store(y);
    }

    /// <summary>
    /// Signed digits, least significant first: v = six bits + carry ∈ [0, 64]; above 32 it becomes
    /// v − 64 with a carry of 1 into the next window. Masks only (the digits are secret).
    /// </summary>
    internal static void Recode(ReadOnlySpan<byte> kBigEndian, Span<int> digits)
    {
        var k = U384.Load(kBigEndian);
        Span<ulong> limbs = [k.L0, k.L1, k.L2, k.L3, k.L4, k.L5, 0];
        var carry = 0u;
        for (var w = 0; w < Windows - 1; w++)
        {
            var at = w * Bits;                                       // public: which bits, not their values
            var shift = at & 63;
            var raw = limbs[at >> 6] >> shift;
            if (shift > 64 - Bits) raw |= limbs[(at >> 6) + 1] << (64 - shift);
            var v = (uint)(raw & ((1UL << Bits) - 1)) + carry;
            carry = (uint)(Entries - (int)v) >> 31;                  // 1 iff v > 32
            digits[w] = (int)v - (int)(carry << Bits);
        }
        digits[Windows - 1] = (int)carry;
        limbs.Clear();
    }

    /// <summary>table[index] by reading every entry (mask select): the index is secret.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>d·64^w·G for w &lt; 65, d = 1..32, from OpenSSL's (public, variable-time) point addition.</summary>
    private static AffineEntry[] Build()
    {
        var table = new AffineEntry[Windows * Entries];
        var baseW = P384Point.Generator;
        for (var w = 0; w < Windows; w++)
        {
            var acc = baseW;
            for (var d = 1; d <= 1 << Bits; d++)
            {
                if (d <= Entries)
                {
                    var enc = acc.EncodeUncompressed();
                    table[(w * Entries) + d - 1] = new AffineEntry
                    {
                        X = U384.Load(enc.AsSpan(1, 48)),             // canonical (< p) from OpenSSL
                        Y = U384.Load(enc.AsSpan(49, 48)),
                    };
                }
                if (d < 1 << Bits) acc += baseW;                    // ends at 64·64^w·G = 64^(w+1)·G
            }
            baseW = acc;
        }
        return table;
    }
}
