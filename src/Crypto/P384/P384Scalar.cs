using System.Numerics;
using System.Security.Cryptography;

namespace CcTsa.Crypto.P384;

/// <summary>
/// An element of Z_n, n the order of P-384 (cofactor 1). Encoding: 48 bytes big-endian, decode
/// rejects values ≥ n. Held as six 64-bit limbs in Montgomery form (<see cref="ScalarField"/>):
/// constant-time add/sub/mul, no heap allocation. A value type: copies on the stack are not wiped
/// (docs/SECURITY.md). Long-lived secrets (key shares, OT seeds) are stored in SecretHandle memory
/// and only lifted into this type per use. Conversions to BigInteger are for public values only.
/// </summary>
public readonly struct P384Scalar : IEquatable<P384Scalar>
{
    public const int Size = 48;

    /// <summary>n = FFFFFFFF…C7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973.</summary>
    public static readonly BigInteger Order = ScalarField.Order;

    private static readonly BigInteger OrderMinus2 = Order - 2;

    // Montgomery form m = v·2^384 mod n, little-endian limbs; default (all zero) is 0.
    private readonly ulong _0, _1, _2, _3, _4, _5;

    private P384Scalar(ReadOnlySpan<ulong> m) { _0 = m[0]; _1 = m[1]; _2 = m[2]; _3 = m[3]; _4 = m[4]; _5 = m[5]; }

    private void Get(Span<ulong> m) { m[0] = _0; m[1] = _1; m[2] = _2; m[3] = _3; m[4] = _4; m[5] = _5; }

    public static P384Scalar Zero => default;
    public static P384Scalar One { get; } = FromBig(BigInteger.One);

    public bool IsZero => (_0 | _1 | _2 | _3 | _4 | _5) == 0;

    /// <summary>The canonical integer (public values only: BigInteger is variable time and not wiped).</summary>
    internal BigInteger Value
    {
        get
        {
            Span<byte> b = stackalloc byte[Size];
            WriteTo(b);
            return new BigInteger(b, isUnsigned: true, isBigEndian: true);
        }
    }

    public static P384Scalar FromInt(long v) => FromBig(v);

    internal static P384Scalar FromBig(BigInteger v)
    {
        var r = v % Order;
        if (r.Sign < 0) r += Order;
        return ToMontgomery(ScalarField.FromBig(r));
    }

    private static P384Scalar ToMontgomery(ReadOnlySpan<ulong> canonical)
    {
        Span<ulong> m = stackalloc ulong[ScalarField.Limbs];
        ScalarField.MontMul(canonical, ScalarField.R2, m);
        return new P384Scalar(m);
    }

    /// <summary>Uniform in [0, n): 64 random bytes reduced mod n (bias ≈ 2^-128, notes §12).</summary>
    public static P384Scalar Random()
    {
        Span<byte> b = stackalloc byte[64];
        RandomNumberGenerator.Fill(b);
        var s = FromWide(b);
        CryptographicOperations.ZeroMemory(b);
        return s;
    }

    /// <summary>Uniform non-zero scalar.</summary>
    public static P384Scalar RandomNonZero()
    {
        while (true)
        {
            var s = Random();
            if (!s.IsZero) return s;
        }
    }

    /// <summary>
    /// Reduces a big-endian byte string mod n. 64 bytes (hash-to-scalar) take the constant-time
    /// path hi·2^384 + lo; other lengths go through BigInteger (public inputs only).
    /// </summary>
    public static P384Scalar FromWide(ReadOnlySpan<byte> bigEndian)
    {
        if (bigEndian.Length != 64) return FromBig(new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true));
        Span<ulong> lo = stackalloc ulong[ScalarField.Limbs];
        Span<ulong> hi = stackalloc ulong[ScalarField.Limbs];
        Span<ulong> a = stackalloc ulong[ScalarField.Limbs];
        Span<ulong> b = stackalloc ulong[ScalarField.Limbs];
        ScalarField.Load(bigEndian[16..], lo);
        hi.Clear();
        hi[1] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bigEndian);
        hi[0] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bigEndian[8..]);
        ScalarField.MontMul(lo, ScalarField.R2, a);     // lo·R
        ScalarField.MontMul(hi, ScalarField.R3, b);     // hi·2^384·R
        ScalarField.Add(a, b, a);
        var s = new P384Scalar(a);
        lo.Clear(); hi.Clear(); a.Clear(); b.Clear();
        return s;
    }

    /// <summary>Canonical 48-byte decode; false for a wrong length or a value ≥ n.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out P384Scalar s)
    {
        s = default;
        if (encoding.Length != Size) return false;
        Span<ulong> v = stackalloc ulong[ScalarField.Limbs];
        ScalarField.Load(encoding, v);
        if (!ScalarField.LessThanN(v)) return false;
        s = ToMontgomery(v);
        v.Clear();
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("Need 48 bytes.", nameof(destination));
        Span<ulong> m = stackalloc ulong[ScalarField.Limbs];
        Get(m);
        ScalarField.MontMul(m, ScalarField.One, m);
        ScalarField.Store(m, destination);
        m.Clear();
    }

    public byte[] ToArray()
    {
        var b = new byte[Size];
        WriteTo(b);
        return b;
    }

    /// <summary>a^{n−2} (Fermat); the exponent is public, so square-and-multiply on its bits is fine.</summary>
    public P384Scalar Invert()
    {
        if (IsZero) throw new DivideByZeroException("Zero has no inverse mod n.");
        var acc = One;
        for (var bit = (int)OrderMinus2.GetBitLength() - 1; bit >= 0; bit--)
        {
            acc *= acc;
            if (!(OrderMinus2 >> bit).IsEven) acc *= this;
        }
        return acc;
    }

    public static P384Scalar operator +(P384Scalar a, P384Scalar b) => Op(a, b, 0);

    public static P384Scalar operator -(P384Scalar a, P384Scalar b) => Op(a, b, 1);

    public static P384Scalar operator -(P384Scalar a) => Zero - a;

    public static P384Scalar operator *(P384Scalar a, P384Scalar b) => Op(a, b, 2);

    private static P384Scalar Op(P384Scalar a, P384Scalar b, int op)
    {
        Span<ulong> x = stackalloc ulong[ScalarField.Limbs];
        Span<ulong> y = stackalloc ulong[ScalarField.Limbs];
        a.Get(x);
        b.Get(y);
        if (op == 0) ScalarField.Add(x, y, x);
        else if (op == 1) ScalarField.Sub(x, y, x);
        else ScalarField.MontMul(x, y, x);
        var r = new P384Scalar(x);
        x.Clear();
        y.Clear();
        return r;
    }

    /// <summary>b ? a : 0 by mask, for choice-bit products (β_j·x).</summary>
    public static P384Scalar Select(bool b, P384Scalar a)
    {
        var m = 0UL - (b ? 1UL : 0UL);
        Span<ulong> x = stackalloc ulong[ScalarField.Limbs];
        a.Get(x);
        for (var i = 0; i < x.Length; i++) x[i] &= m;
        return new P384Scalar(x);
    }

    public bool Equals(P384Scalar other) =>
        ((_0 ^ other._0) | (_1 ^ other._1) | (_2 ^ other._2) | (_3 ^ other._3) | (_4 ^ other._4) | (_5 ^ other._5)) == 0;

    public override bool Equals(object? obj) => obj is P384Scalar s && Equals(s);

    public override int GetHashCode() => HashCode.Combine(_0, _1, _5);

    public static bool operator ==(P384Scalar a, P384Scalar b) => a.Equals(b);

    public static bool operator !=(P384Scalar a, P384Scalar b) => !a.Equals(b);

    public override string ToString() => "P384Scalar([redacted])";
}
