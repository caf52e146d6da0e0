using System.Numerics;
using System.Runtime.CompilerServices;
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

    // Montgomery form v·2^384 mod n, little-endian limbs; default (all zero) is 0.
    private readonly U384 _m;

    private P384Scalar(in U384 m) => _m = m;

    /// <summary>The Montgomery-form limbs (for bulk serialisation without a per-scalar copy).</summary>
    internal U384 Montgomery => _m;

    /// <summary>The scalar whose Montgomery-form limbs are <paramref name="m"/> (&lt; n): for <see cref="ScalarSum"/>.</summary>
    internal static P384Scalar FromMontgomeryForm(in U384 m) => new(m);

    public static P384Scalar Zero => default;
    public static P384Scalar One { get; } = FromBig(BigInteger.One);

    public bool IsZero => _m.IsZero;

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
        return ToMontgomery(U384.FromBig(r));
    }

    private static P384Scalar ToMontgomery(in U384 canonical)
    {
        ScalarField.Mul(canonical, ScalarField.R2, out var m);
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
        // t·R^-1 by one Montgomery reduction, then ·R^3·R^-1: t·R, the Montgomery form of t mod n
        Mont384.Redc512(U384.Load(bigEndian[16..]), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bigEndian[8..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bigEndian), ScalarField.N, ScalarField.NPrime, out var t);
        ScalarField.Mul(t, ScalarField.R3, out var s);
        return new P384Scalar(s);
    }

    /// <summary>
    /// A uniform scalar from 48 uniform bytes x (big-endian) for the price of one masked subtraction:
    /// x mod n is taken as the *Montgomery form*, so the value is (x mod n)·2^-384 mod n. Since
    /// 2^384 − n &lt; 2^190, x mod n is within statistical distance 2^-190 of uniform (better than the
    /// 2^-128 of a 64-byte reduction), and multiplying by the constant 2^-384 is a bijection of Z_n.
    /// For PRG expansions whose exact mapping nobody else recomputes (the OT-extension pads).
    /// </summary>
    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static P384Scalar UniformFrom48(ReadOnlySpan<byte> bigEndian48)
    {
        if (bigEndian48.Length != Size) throw new ArgumentException("Need 48 bytes.", nameof(bigEndian48));
        ScalarField.Add(U384.Load(bigEndian48), default, out var m);   // x < 2^384 < 2n: one masked subtraction
        return new P384Scalar(m);
    }

    /// <summary>Canonical 48-byte decode; false for a wrong length or a value ≥ n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out P384Scalar s)
    {
        s = default;
        if (encoding.Length != Size) return false;
        var v = U384.Load(encoding);
        if (!v.LessThan(ScalarField.N)) return false;
        s = ToMontgomery(v);
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("Need 48 bytes.", nameof(destination));
        // out of Montgomery form: v = m·R^-1, a bare reduction (half the work of a multiplication by 1)
        Mont384.Redc512(_m, 0, 0, ScalarField.N, ScalarField.NPrime, out var v);
        v.Store(destination);
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

    public static P384Scalar operator +(P384Scalar a, P384Scalar b)
    {
        ScalarField.Add(a._m, b._m, out var r);
        return new P384Scalar(r);
    }

    public static P384Scalar operator -(P384Scalar a, P384Scalar b)
    {
        ScalarField.Sub(a._m, b._m, out var r);
        return new P384Scalar(r);
    }

    public static P384Scalar operator -(P384Scalar a) => Zero - a;

    public static P384Scalar operator *(P384Scalar a, P384Scalar b)
    {
        ScalarField.Mul(a._m, b._m, out var r);
        return new P384Scalar(r);
    }

    /// <summary>b ? a : 0 by mask, for choice-bit products (β_j·x).</summary>
    public static P384Scalar Select(bool b, P384Scalar a) => new(U384.Select(default, a._m, 0UL - (b ? 1UL : 0UL)));

    public bool Equals(P384Scalar other) => _m.CtEquals(other._m);

    public override bool Equals(object? obj) => obj is P384Scalar s && Equals(s);

    public override int GetHashCode() => HashCode.Combine(_m.L0, _m.L1, _m.L5);

    public static bool operator ==(P384Scalar a, P384Scalar b) => a.Equals(b);

    public static bool operator !=(P384Scalar a, P384Scalar b) => !a.Equals(b);

    public override string ToString() => "P384Scalar([redacted])";
}
