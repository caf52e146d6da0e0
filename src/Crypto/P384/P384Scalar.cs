using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace CcTsa.Crypto.P384;

/// <summary>
/// An element of Z_n, n the order of P-384 (cofactor 1). Encoding: 48 bytes big-endian, decode
/// rejects values ≥ n. Arithmetic is System.Numerics.BigInteger (≈ 1 µs per mul+mod here), which is
/// variable time and cannot be wiped: fine for public values and the many short-lived masked values
/// of OT extension / RVOLE, but a known gap for secrets (docs/SECURITY.md). Long-lived secrets
/// (key shares, OT seeds) are stored in SecretHandle memory and only lifted into this type per use.
/// </summary>
public readonly struct P384Scalar : IEquatable<P384Scalar>
{
    public const int Size = 48;

    /// <summary>n = FFFFFFFF…C7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973.</summary>
    public static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
        NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private readonly BigInteger _v;

    private P384Scalar(BigInteger v) => _v = v;

    public static P384Scalar Zero => default;
    public static P384Scalar One => new(BigInteger.One);

    public bool IsZero => _v.IsZero;

    internal BigInteger Value => _v;

    public static P384Scalar FromInt(long v) => new(Mod(v));

    internal static P384Scalar FromBig(BigInteger v) => new(Mod(v));

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

    /// <summary>Reduces any big-endian byte string mod n (hash-to-scalar uses 64 bytes).</summary>
    public static P384Scalar FromWide(ReadOnlySpan<byte> bigEndian) =>
        new(Mod(new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true)));

    /// <summary>Canonical 48-byte decode; false for a wrong length or a value ≥ n.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out P384Scalar s)
    {
        s = default;
        if (encoding.Length != Size) return false;
        var v = new BigInteger(encoding, isUnsigned: true, isBigEndian: true);
        if (v >= Order) return false;
        s = new P384Scalar(v);
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException("Need 48 bytes.", nameof(destination));
        destination[..Size].Clear();
        var len = _v.GetByteCount(isUnsigned: true);
        if (!_v.TryWriteBytes(destination.Slice(Size - len, len), out _, isUnsigned: true, isBigEndian: true))
            throw new InvalidOperationException("Scalar does not fit 48 bytes.");
    }

    public byte[] ToArray()
    {
        var b = new byte[Size];
        WriteTo(b);
        return b;
    }

    public P384Scalar Invert() =>
        _v.IsZero ? throw new DivideByZeroException("Zero has no inverse mod n.") : new(BigInteger.ModPow(_v, Order - 2, Order));

    public static P384Scalar operator +(P384Scalar a, P384Scalar b)
    {
        var r = a._v + b._v;
        return new(r >= Order ? r - Order : r);
    }

    public static P384Scalar operator -(P384Scalar a, P384Scalar b)
    {
        var r = a._v - b._v;
        return new(r.Sign < 0 ? r + Order : r);
    }

    public static P384Scalar operator -(P384Scalar a) => a._v.IsZero ? a : new(Order - a._v);

    public static P384Scalar operator *(P384Scalar a, P384Scalar b) => new(a._v * b._v % Order);

    /// <summary>b ? a : 0, used for choice-bit products (β_j·x); see docs/SECURITY.md on timing.</summary>
    public static P384Scalar Select(bool b, P384Scalar a) => b ? a : Zero;

    public bool Equals(P384Scalar other) => _v.Equals(other._v);

    public override bool Equals(object? obj) => obj is P384Scalar s && Equals(s);

    public override int GetHashCode() => _v.GetHashCode();

    public static bool operator ==(P384Scalar a, P384Scalar b) => a.Equals(b);

    public static bool operator !=(P384Scalar a, P384Scalar b) => !a.Equals(b);

    public override string ToString() => "P384Scalar([redacted])";

    private static BigInteger Mod(BigInteger v)
    {
        var r = v % Order;
        return r.Sign < 0 ? r + Order : r;
    }
}
