using System.Numerics;
using System.Security.Cryptography;

namespace CcTsa.Crypto.P384;

/// <summary>
/// A point of NIST P-384 backed by an OpenSSL EC_POINT (freed on Dispose or by the finalizer).
/// Immutable: every operation returns a new point. Wire encoding is SEC1 compressed (49 bytes);
/// <see cref="TryDecode"/> rejects wrong lengths, off-curve points and the identity (notes §12, P5).
/// Multiplication by a (possibly secret) scalar: k·G by our constant-time comb (<see cref="FixedBaseComb"/>),
/// k·P by OpenSSL's constant-time ladder (see <see cref="OpenSsl"/>).
/// </summary>
public sealed class P384Point : IEquatable<P384Point>, IDisposable
{
    public const int CompressedSize = 49;

    private readonly EcPointHandle _h;

    private P384Point(IntPtr p) => _h = new EcPointHandle(p);

    internal IntPtr Ptr => _h.DangerousGetHandle();

    /// <summary>The base point G.</summary>
    public static P384Point Generator { get; } = new(OpenSsl.EC_POINT_dup(OpenSsl.EC_GROUP_get0_generator(P384Group.Ptr), P384Group.Ptr));

    /// <summary>The point at infinity (never on the wire).</summary>
    public static P384Point Identity { get; } = new(OpenSsl.EC_POINT_new(P384Group.Ptr));

    public bool IsIdentity
    {
        get
        {
            var r = OpenSsl.EC_POINT_is_at_infinity(P384Group.Ptr, Ptr) == 1;
            GC.KeepAlive(this);
            return r;
        }
    }

    /// <summary>k·G: constant-time fixed-base comb (<see cref="FixedBaseComb"/>), the identity for k = 0.</summary>
    public static unsafe P384Point MulBase(P384Scalar k)
    {
        if (k.IsZero) return new P384Point(OpenSsl.EC_POINT_new(P384Group.Ptr));
        Span<byte> kb = stackalloc byte[P384Scalar.Size];
        Span<byte> enc = stackalloc byte[97];
        k.WriteTo(kb);
        enc[0] = 4;
        FixedBaseComb.MulBase(kb, enc.Slice(1, 48), enc.Slice(49, 48));
        CryptographicOperations.ZeroMemory(kb);
        var r = new P384Point(OpenSsl.EC_POINT_new(P384Group.Ptr));
        int ok;
        fixed (byte* p = enc) ok = OpenSsl.EC_POINT_oct2point(P384Group.Ptr, r.Ptr, p, 97, IntPtr.Zero);
        CryptographicOperations.ZeroMemory(enc);
        return ok == 1 ? r : throw new CryptographicException("Fixed-base comb produced a point OpenSSL rejects.");
    }

    /// <summary>k·this (constant-time ladder).</summary>
    public P384Point Multiply(P384Scalar k) => Mul(k, this);

    private static P384Point Mul(P384Scalar k, P384Point q)
    {
        Span<byte> kb = stackalloc byte[P384Scalar.Size];
        k.WriteTo(kb);
        var r = new P384Point(OpenSsl.EC_POINT_new(P384Group.Ptr));
        using (var bn = new BigNum(kb))
        {
            var ok = OpenSsl.EC_POINT_mul(P384Group.Ptr, r.Ptr, IntPtr.Zero, q.Ptr, bn.Ptr, P384Group.Ctx);
            CryptographicOperations.ZeroMemory(kb);
            if (ok != 1) throw new CryptographicException("EC_POINT_mul failed.");
        }
        GC.KeepAlive(q);
        return r;
    }

    /// <summary>a·G + b·P — variable time (wNAF): public values only (verification checks).</summary>
    public static P384Point MulAddPublic(P384Scalar a, P384Scalar b, P384Point p)
    {
        Span<byte> ab = stackalloc byte[P384Scalar.Size];
        Span<byte> bb = stackalloc byte[P384Scalar.Size];
        a.WriteTo(ab);
        b.WriteTo(bb);
        var r = new P384Point(OpenSsl.EC_POINT_new(P384Group.Ptr));
        using var an = new BigNum(ab);
        using var bn = new BigNum(bb);
        if (OpenSsl.EC_POINT_mul(P384Group.Ptr, r.Ptr, an.Ptr, p.Ptr, bn.Ptr, IntPtr.Zero) != 1)
            throw new CryptographicException("EC_POINT_mul failed.");
        GC.KeepAlive(p);
        return r;
    }

    /// <summary>
    /// a + e·b — variable time (multi-scalar wNAF, EC_POINTs_mul): public points, and e public or a
    /// one-time random the points were fixed before (<see cref="CombinePublic"/>).
    /// </summary>
    public static P384Point AddScaledPublic(P384Point a, P384Scalar e, P384Point b) => CombinePublic([(a, P384Scalar.One), (b, e)]);

    /// <summary>
    /// Σ s_i·P_i in one EC_POINTs_mul (shared doublings) — variable time: public points, and scalars
    /// that are public or one-time randoms drawn after the points were fixed (the combined C4/C5 check,
    /// <c>Dkls23.Sign.GammaCheck</c>). Never for a secret scalar.
    /// </summary>
    public static unsafe P384Point CombinePublic(IReadOnlyList<(P384Point Point, P384Scalar Scalar)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) throw new ArgumentException("At least one term.", nameof(terms));
        var points = new IntPtr[terms.Count];
        var scalars = new IntPtr[terms.Count];                       // BIGNUMs, freed below (BigNum is a ref struct: no array of it)
        var r = new P384Point(OpenSsl.EC_POINT_new(P384Group.Ptr));
        Span<byte> buf = stackalloc byte[P384Scalar.Size];
        try
        {
            for (var i = 0; i < terms.Count; i++)
            {
                ArgumentNullException.ThrowIfNull(terms[i].Point);
                terms[i].Scalar.WriteTo(buf);
                fixed (byte* pb = buf) scalars[i] = OpenSsl.BN_bin2bn(pb, buf.Length, IntPtr.Zero);
                if (scalars[i] == IntPtr.Zero) throw new OutOfMemoryException("BN_bin2bn failed.");
                points[i] = terms[i].Point.Ptr;
            }
            int ok;
            fixed (IntPtr* pp = points)
            fixed (IntPtr* ps = scalars)
                ok = OpenSsl.EC_POINTs_mul(P384Group.Ptr, r.Ptr, IntPtr.Zero, (nuint)terms.Count, pp, ps, P384Group.Ctx);
            if (ok != 1)
            {
                r.Dispose();
                throw new CryptographicException("EC_POINTs_mul failed.");
            }
            foreach (var t in terms) GC.KeepAlive(t.Point);
            return r;
        }
        finally
        {
            foreach (var bn in scalars) if (bn != IntPtr.Zero) OpenSsl.BN_clear_free(bn);
        }
    }

    public static P384Point operator +(P384Point a, P384Point b)
    {
        var r = new P384Point(OpenSsl.EC_POINT_new(P384Group.Ptr));
        if (OpenSsl.EC_POINT_add(P384Group.Ptr, r.Ptr, a.Ptr, b.Ptr, IntPtr.Zero) != 1)
            throw new CryptographicException("EC_POINT_add failed.");
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return r;
    }

    public static P384Point operator -(P384Point a)
    {
        var r = new P384Point(OpenSsl.EC_POINT_dup(a.Ptr, P384Group.Ptr));
        if (OpenSsl.EC_POINT_invert(P384Group.Ptr, r.Ptr, IntPtr.Zero) != 1)
            throw new CryptographicException("EC_POINT_invert failed.");
        GC.KeepAlive(a);
        return r;
    }

    public static P384Point operator -(P384Point a, P384Point b) => a + (-b);

    /// <summary>Σ points (identity for an empty list).</summary>
    public static P384Point Sum(IEnumerable<P384Point> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var acc = Identity;
        foreach (var p in points) acc += p;
        return acc;
    }

    /// <summary>SEC1 compressed encoding (49 bytes). The identity has none: throws.</summary>
    public byte[] Encode() => Encode(OpenSsl.POINT_CONVERSION_COMPRESSED, CompressedSize);

    /// <summary>SEC1 uncompressed encoding 04‖X‖Y (97 bytes), for .NET ECParameters interop.</summary>
    public byte[] EncodeUncompressed() => Encode(OpenSsl.POINT_CONVERSION_UNCOMPRESSED, 97);

    private unsafe byte[] Encode(int form, int size)
    {
        if (IsIdentity) throw new InvalidOperationException("The identity has no SEC1 point encoding.");
        var buf = new byte[size];
        nuint n;
        fixed (byte* p = buf) n = OpenSsl.EC_POINT_point2oct(P384Group.Ptr, Ptr, form, p, (nuint)size, IntPtr.Zero);
        GC.KeepAlive(this);
        return n == (nuint)size ? buf : throw new CryptographicException("EC_POINT_point2oct failed.");
    }

    /// <summary>The affine x coordinate as an integer (ECDSA r = x(R) mod n).</summary>
    public BigInteger AffineX()
    {
        var enc = EncodeUncompressed();
        return new BigInteger(enc.AsSpan(1, 48), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Decodes a SEC1 compressed or uncompressed point; false unless on the curve and not the identity.</summary>
    public static unsafe bool TryDecode(ReadOnlySpan<byte> encoding, out P384Point point)
    {
        point = null!;
        if (!(encoding.Length == CompressedSize && encoding[0] is 2 or 3) && !(encoding.Length == 97 && encoding[0] == 4))
            return false;
        var r = new P384Point(OpenSsl.EC_POINT_new(P384Group.Ptr));
        int ok;
        fixed (byte* p = encoding) ok = OpenSsl.EC_POINT_oct2point(P384Group.Ptr, r.Ptr, p, (nuint)encoding.Length, IntPtr.Zero);
        if (ok != 1 || r.IsIdentity || OpenSsl.EC_POINT_is_on_curve(P384Group.Ptr, r.Ptr, IntPtr.Zero) != 1)
        {
            r.Dispose();
            return false;
        }
        point = r;
        return true;
    }

    public bool Equals(P384Point? other)
    {
        if (other is null) return false;
        var eq = OpenSsl.EC_POINT_cmp(P384Group.Ptr, Ptr, other.Ptr, IntPtr.Zero) == 0;
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return eq;
    }

    public override bool Equals(object? obj) => obj is P384Point p && Equals(p);

    public override int GetHashCode() => IsIdentity ? 0 : BitConverter.ToInt32(Encode(), 1);

    public void Dispose() => _h.Dispose();

    public override string ToString() => IsIdentity ? "P384Point(∞)" : "P384Point(" + Convert.ToHexString(Encode()) + ")";
}
