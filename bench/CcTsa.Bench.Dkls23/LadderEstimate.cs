using CcTsa.Crypto.P384;

namespace CcTsa.Bench.Dkls23;

/// <summary>
/// Would an own constant-time variable-base ladder on <see cref="BaseField"/> beat OpenSSL 3.0's
/// generic ladder for χ_j·B_j (issue 15 pass 5)? Any such ladder does ~384 doublings; with complete
/// formulas (Renes–Costello–Batina, ePrint 2015/1060, Alg. 6, a = −3) each is 13 multiplications and
/// 21 additions. This times 384 of them beside OpenSSL's whole ladder in the same process — a lower
/// bound for the own ladder, before any addition, table or inversion. Bench-only: not a product path.
/// </summary>
internal static class LadderEstimate
{
    public static void Run(int iterations)
    {
        var g = P384Point.Generator.EncodeUncompressed();
        U384 x = U384.Load(g.AsSpan(1, 48)), y = U384.Load(g.AsSpan(49, 48)), z = BaseField.One;
        Double(x, y, z, out var dx, out var dy, out var dz);
        var zi = BaseField.Invert(dz);
        BaseField.Mul(dx, zi, out var ax);
        BaseField.Mul(dy, zi, out var ay);
        using var two = P384Point.Generator + P384Point.Generator;
        var e = two.EncodeUncompressed();
        var matches = ax.CtEquals(U384.Load(e.AsSpan(1, 48))) && ay.CtEquals(U384.Load(e.AsSpan(49, 48)));
        var k = P384Scalar.Random();
        var p = P384Point.MulBase(P384Scalar.Random());
        for (var w = 0; w < 20; w++) { Doublings(ref x, ref y, ref z); p.Multiply(k).Dispose(); }
        double doublings = double.MaxValue, ladder = double.MaxValue;
        for (var rep = 0; rep < 5; rep++)
        {
            doublings = Math.Min(doublings, GroupComparison.Time(iterations, () => Doublings(ref x, ref y, ref z)));
            ladder = Math.Min(ladder, GroupComparison.Time(iterations, () => p.Multiply(k).Dispose()));
        }
        Console.WriteLine($"384 complete doublings (RCB Alg. 6, our field; 2·G checked against OpenSSL: {matches}): {doublings:F3} ms, OpenSSL ladder k·P {ladder:F3} ms (fastest of 5 × {iterations})");
    }

    private static void Doublings(ref U384 x, ref U384 y, ref U384 z)
    {
        for (var i = 0; i < 384; i++) Double(x, y, z, out x, out y, out z);
    }

    private static void Double(U384 x, U384 y, U384 z, out U384 x3, out U384 y3, out U384 z3)
    {
        var b = BaseField.B;
        BaseField.Mul(x, x, out var t0);            // 1
        BaseField.Mul(y, y, out var t1);            // 2
        BaseField.Mul(z, z, out var t2);            // 3
        BaseField.Mul(x, y, out var t3);            // 4
        BaseField.Add(t3, t3, out t3);              // 5
        BaseField.Mul(x, z, out z3);                // 6
        BaseField.Add(z3, z3, out z3);              // 7
        BaseField.Mul(b, t2, out y3);               // 8
        BaseField.Sub(y3, z3, out y3);              // 9
        BaseField.Add(y3, y3, out x3);              // 10
        BaseField.Add(x3, y3, out y3);              // 11
        BaseField.Sub(t1, y3, out x3);              // 12
        BaseField.Add(t1, y3, out y3);              // 13
        BaseField.Mul(x3, y3, out y3);              // 14
        BaseField.Mul(x3, t3, out x3);              // 15
        BaseField.Add(t2, t2, out t3);              // 16
        BaseField.Add(t2, t3, out t2);              // 17
        BaseField.Mul(b, z3, out z3);               // 18
        BaseField.Sub(z3, t2, out z3);              // 19
        BaseField.Sub(z3, t0, out z3);              // 20
        BaseField.Add(z3, z3, out t3);              // 21
        BaseField.Add(z3, t3, out z3);              // 22
        BaseField.Add(t0, t0, out t3);              // 23
        BaseField.Add(t3, t0, out t0);              // 24
        BaseField.Sub(t0, t2, out t0);              // 25
        BaseField.Mul(t0, z3, out t0);              // 26
        BaseField.Add(y3, t0, out y3);              // 27
        BaseField.Mul(y, z, out t0);                // 28
        BaseField.Add(t0, t0, out t0);              // 29
        BaseField.Mul(t0, z3, out z3);              // 30
        BaseField.Sub(x3, z3, out x3);              // 31
        BaseField.Mul(t0, t1, out z3);              // 32
        BaseField.Add(z3, z3, out z3);              // 33
        BaseField.Add(z3, z3, out z3);              // 34
    }
}
