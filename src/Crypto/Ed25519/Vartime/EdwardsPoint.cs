using System.Runtime.CompilerServices;

namespace CcTsa.Crypto.Ed25519.Vartime;

/// <summary>
/// A point of edwards25519 (−x² + y² = 1 + d·x²·y²) in extended coordinates (X:Y:Z:T), x = X/Z,
/// y = Y/Z, x·y = T/Z, with variable-time formulas (Hisil–Wong–Carter–Dawson, a = −1) for PUBLIC
/// values only. <see cref="TryDecode"/> checks the encoding is canonical and on the curve; the
/// prime-order subgroup check is the caller's (<see cref="Point.TryDecode"/> runs libsodium's).
/// </summary>
internal readonly struct EdwardsPoint
{
    private static readonly FieldElement D = FieldElement.FromBytes(Convert.FromHexString("a3785913ca4deb75abd841414d0a700098e879777940c78c73fe6f2bee6c0352"));
    private static readonly FieldElement D2 = FieldElement.Add(D, D);
    private static readonly FieldElement SqrtM1 = FieldElement.FromBytes(Convert.FromHexString("b0a00e4a271beec478e42fad0618432fa7d7fb3d99004d2b0bdfc14f8024832b"));

    public readonly FieldElement X, Y, Z, T;

    public EdwardsPoint(in FieldElement x, in FieldElement y, in FieldElement z, in FieldElement t)
    {
        X = x; Y = y; Z = z; T = t;
    }

    public static EdwardsPoint Identity => new(FieldElement.Zero, FieldElement.One, FieldElement.One, FieldElement.Zero);

    /// <summary>The base point B of RFC 8032.</summary>
    public static readonly EdwardsPoint Base = Decode(Convert.FromHexString("5866666666666666666666666666666666666666666666666666666666666666"));

    /// <summary>RFC 8032 §5.1.3 decoding; false for a non-canonical y (≥ p), a y off the curve, or x = 0 with the sign bit set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out EdwardsPoint point)
    {
        point = default;
        if (encoding.Length != 32) return false;
        var y = FieldElement.FromBytes(encoding);
        Span<byte> canonical = stackalloc byte[32];
        y.ToBytes(canonical);
        canonical[31] |= (byte)(encoding[31] & 0x80);
        if (!canonical.SequenceEqual(encoding)) return false;

        var yy = FieldElement.Square(y);
        var u = FieldElement.Sub(yy, FieldElement.One);
        var v = FieldElement.Add(FieldElement.Mul(D, yy), FieldElement.One);
        var v3 = FieldElement.Mul(FieldElement.Square(v), v);
        var v7 = FieldElement.Mul(FieldElement.Square(v3), v);
        var x = FieldElement.Mul(FieldElement.Mul(u, v3), FieldElement.Pow22523(FieldElement.Mul(u, v7)));
        var vxx = FieldElement.Mul(v, FieldElement.Square(x));
        if (!vxx.Equals(u))
        {
            if (!vxx.Equals(FieldElement.Negate(u))) return false;
            x = FieldElement.Mul(x, SqrtM1);
        }
        var sign = (encoding[31] >> 7) == 1;
        if (x.IsZero && sign) return false;
        if (x.IsNegative != sign) x = FieldElement.Negate(x);
        point = new EdwardsPoint(x, y, FieldElement.One, FieldElement.Mul(x, y));
        return true;
    }

    private static EdwardsPoint Decode(ReadOnlySpan<byte> encoding) =>
        TryDecode(encoding, out var p) ? p : throw new InvalidOperationException("built-in point constant does not decode");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Encode(Span<byte> output)
    {
        var zInv = FieldElement.Invert(Z);
        var x = FieldElement.Mul(X, zInv);
        FieldElement.Mul(Y, zInv).ToBytes(output);
        if (x.IsNegative) output[31] |= 0x80;
    }

    public byte[] Encode()
    {
        var b = new byte[32];
        Encode(b);
        return b;
    }

    public bool IsIdentity => X.IsZero && Y.Equals(Z);

    public EdwardsPoint Negate() => new(FieldElement.Negate(X), Y, Z, FieldElement.Negate(T));

    /// <summary>The form added by <see cref="Add(in CachedPoint)"/>: (Y+X, Y−X, Z, 2d·T).</summary>
    public CachedPoint ToCached() => new(FieldElement.Add(Y, X), FieldElement.Sub(Y, X), Z, FieldElement.Mul(T, D2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EdwardsPoint Add(in CachedPoint q)
    {
        var pp = FieldElement.Mul(FieldElement.Add(Y, X), q.YPlusX);
        var mm = FieldElement.Mul(FieldElement.Sub(Y, X), q.YMinusX);
        var tt = FieldElement.Mul(T, q.T2d);
        var zz = FieldElement.Mul(Z, q.Z);
        var zz2 = FieldElement.Add(zz, zz);
        return FromCompleted(FieldElement.Sub(pp, mm), FieldElement.Add(pp, mm), FieldElement.Add(zz2, tt), FieldElement.Sub(zz2, tt));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public EdwardsPoint Subtract(in CachedPoint q)
    {
        var pp = FieldElement.Mul(FieldElement.Add(Y, X), q.YMinusX);
        var mm = FieldElement.Mul(FieldElement.Sub(Y, X), q.YPlusX);
        var tt = FieldElement.Mul(T, q.T2d);
        var zz = FieldElement.Mul(Z, q.Z);
        var zz2 = FieldElement.Add(zz, zz);
        return FromCompleted(FieldElement.Sub(pp, mm), FieldElement.Add(pp, mm), FieldElement.Sub(zz2, tt), FieldElement.Add(zz2, tt));
    }

    public EdwardsPoint Add(in EdwardsPoint q) => Add(q.ToCached());

    public EdwardsPoint Double() => DoubleToExtended(this);

    /// <summary>
    /// 2·P when only another doubling follows: the T coordinate is left out (3 multiplications
    /// instead of 4); <see cref="DoubleToExtended"/> keeps it for a doubling followed by an addition.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public EdwardsPoint DoubleProjective()
    {
        DoubleCompleted(out var x, out var y, out var z, out var t);
        return new(FieldElement.Mul(x, t), FieldElement.Mul(y, z), FieldElement.Mul(z, t), default);
    }

    /// <summary>A doubling result of <see cref="DoubleProjective"/>, made whole for an addition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static EdwardsPoint DoubleToExtended(in EdwardsPoint p)
    {
        p.DoubleCompleted(out var x, out var y, out var z, out var t);
        return FromCompleted(x, y, z, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DoubleCompleted(out FieldElement x, out FieldElement y, out FieldElement z, out FieldElement t)
    {
        var xx = FieldElement.Square(X);
        var yy = FieldElement.Square(Y);
        var zz = FieldElement.Square(Z);
        var zz2 = FieldElement.Add(zz, zz);
        var xPlusYSquared = FieldElement.Square(FieldElement.Add(X, Y));
        var yyPlusXx = FieldElement.Add(yy, xx);
        var yyMinusXx = FieldElement.Sub(yy, xx);
        x = FieldElement.Sub(xPlusYSquared, yyPlusXx);
        y = yyPlusXx;
        z = yyMinusXx;
        t = FieldElement.Sub(zz2, yyMinusXx);
    }

    // the completed point ((X:Z),(Y:T)) of the unified formulas, back to extended coordinates
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static EdwardsPoint FromCompleted(in FieldElement x, in FieldElement y, in FieldElement z, in FieldElement t) =>
        new(FieldElement.Mul(x, t), FieldElement.Mul(y, z), FieldElement.Mul(z, t), FieldElement.Mul(x, y));

    public override string ToString() => Convert.ToHexStringLower(Encode());
}
