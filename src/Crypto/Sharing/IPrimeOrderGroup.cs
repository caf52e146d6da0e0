namespace CcTsa.Crypto.Sharing;

/// <summary>
/// A prime-order group with its scalar field: all the Feldman/Pedersen DKG, refresh and repair
/// need, so one implementation serves FROST-Ed25519 (libsodium) and DKLs23 P-384 (OpenSSL and our
/// comb). Points are public values; <see cref="BaseMul"/> is the only operation that takes a secret
/// scalar and it is constant time. <see cref="SumPublic"/> may be variable time: public operands only.
/// </summary>
internal interface IPrimeOrderGroup<TPoint> : IScalarField
    where TPoint : notnull
{
    /// <summary>The neutral element: appears in sums and refresh commitments, never accepted from the wire.</summary>
    static abstract TPoint Identity { get; }

    /// <summary>The base point, for a base-point term of <see cref="SumPublic"/>.</summary>
    static abstract TPoint Generator { get; }

    /// <summary>s·G for a possibly secret s (constant time); the identity for s = 0.</summary>
    static abstract TPoint BaseMul(ReadOnlySpan<byte> scalar);

    static abstract TPoint Add(TPoint a, TPoint b);

    /// <summary>Σ s_i·P_i over PUBLIC scalars (canonical encodings) and points; variable time allowed.</summary>
    static abstract TPoint SumPublic(IReadOnlyList<byte[]> scalars, IReadOnlyList<TPoint> points);

    static abstract bool PointEquals(TPoint a, TPoint b);

    static abstract bool IsIdentity(TPoint p);

    /// <summary>The group's canonical wire encoding of a non-identity point.</summary>
    static abstract byte[] Encode(TPoint p);

    /// <summary>Decodes a point from outside: false unless canonical, in the prime-order group and not the identity.</summary>
    static abstract bool TryDecode(ReadOnlySpan<byte> encoding, out TPoint point);
}
