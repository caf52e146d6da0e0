namespace CcTsa.Crypto.Ed25519;

/// <summary>
/// A non-secret scalar mod L (binding factor, challenge, Lagrange coefficient, signature share z,
/// participant identifier), as its canonical 32-byte little-endian encoding. Prints as hex.
/// Secret scalars use <see cref="Scalar"/> instead.
/// </summary>
public readonly struct PublicScalar : IEquatable<PublicScalar>
{
    private readonly byte[] _bytes; // never exposed mutable: Encoding is read-only

    private PublicScalar(ReadOnlySpan<byte> encoding) => _bytes = encoding.Length == 32 ? encoding.ToArray() : throw new ArgumentException("Expected 32 bytes.", nameof(encoding));

    public ReadOnlySpan<byte> Encoding => _bytes ?? throw new InvalidOperationException("Uninitialised value (default).");

    public static PublicScalar Zero => new(new byte[32]);

    /// <summary>Decodes a scalar from outside: false unless 32 bytes and canonical (&lt; L).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out PublicScalar scalar)
    {
        scalar = default;
        if (!Ed25519Group.IsCanonicalScalar(encoding)) return false;
        scalar = new PublicScalar(encoding);
        return true;
    }

    internal static PublicScalar FromTrusted(ReadOnlySpan<byte> encoding) => new(encoding);

    internal static PublicScalar FromInt(ulong value)
    {
        Span<byte> b = stackalloc byte[32];
        Ed25519Group.ScalarFromInt(b, value);
        return new PublicScalar(b);
    }

    internal bool IsZero => Ed25519Group.IsZeroScalar(Encoding);

    public static PublicScalar operator +(PublicScalar a, PublicScalar b) => Op(a, b, Ed25519Group.ScalarAdd);

    public static PublicScalar operator -(PublicScalar a, PublicScalar b) => Op(a, b, Ed25519Group.ScalarSub);

    public static PublicScalar operator *(PublicScalar a, PublicScalar b) => Op(a, b, Ed25519Group.ScalarMul);

    internal PublicScalar Invert()
    {
        Span<byte> r = stackalloc byte[32];
        Ed25519Group.ScalarInvert(r, Encoding);
        return new PublicScalar(r);
    }

    private delegate void BinaryOp(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    private static PublicScalar Op(PublicScalar a, PublicScalar b, BinaryOp op)
    {
        Span<byte> r = stackalloc byte[32];
        op(r, a.Encoding, b.Encoding);
        return new PublicScalar(r);
    }

    public byte[] ToArray() => Encoding.ToArray();

    public bool Equals(PublicScalar other) => Encoding.SequenceEqual(other.Encoding);

    public override bool Equals(object? obj) => obj is PublicScalar s && Equals(s);

    public override int GetHashCode() => BitConverter.ToInt32(Encoding);

    public static bool operator ==(PublicScalar a, PublicScalar b) => a.Equals(b);

    public static bool operator !=(PublicScalar a, PublicScalar b) => !a.Equals(b);

    public override string ToString() => Convert.ToHexStringLower(Encoding);
}
