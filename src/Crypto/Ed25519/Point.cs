using System.Runtime.CompilerServices;
using CcTsa.Crypto.Ed25519.Vartime;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Ed25519;

/// <summary>
/// A public element of the prime-order Ed25519 group, kept as its canonical 32-byte encoding.
/// Made from untrusted bytes only by <see cref="TryDecode"/>, which rejects non-canonical,
/// small-order (including the identity) and non-prime-order encodings. Prints as hex.
/// </summary>
public readonly struct Point : IEquatable<Point>
{
    private readonly byte[] _bytes; // never exposed mutable: Encoding is read-only
    // the extended coordinates of the variable-time arithmetic, decoded at most once per value
    private readonly DecodedSlot _decoded;

    private Point(ReadOnlySpan<byte> encoding)
    {
        _bytes = encoding.Length == 32 ? encoding.ToArray() : throw new ArgumentException("Expected 32 bytes.", nameof(encoding));
        _decoded = new DecodedSlot();
    }

    /// <summary>The neutral element; arises only inside sums, never accepted by <see cref="TryDecode"/>.</summary>
    internal static Point Identity => new(Ed25519Group.IdentityEncoding);

    /// <summary>The 32-byte canonical encoding.</summary>
    public ReadOnlySpan<byte> Encoding => _bytes ?? throw new InvalidOperationException("Uninitialised value (default).");

    internal bool IsIdentity => Encoding.SequenceEqual(Ed25519Group.IdentityEncoding);

    /// <summary>Decodes an element received from outside; false for any encoding RFC 9591 DeserializeElement rejects.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out Point point)
    {
        point = default;
        if (!Ed25519Group.IsValidElement(encoding)) return false;
        point = new Point(encoding);
        return true;
    }

    /// <summary>Wraps an encoding produced by libsodium arithmetic (already canonical).</summary>
    internal static Point FromTrusted(ReadOnlySpan<byte> encoding) => new(encoding);

    /// <summary>Wraps the result of variable-time arithmetic: its canonical encoding and the coordinates it came from.</summary>
    internal static Point FromVartime(in EdwardsPoint point)
    {
        Span<byte> encoding = stackalloc byte[32];
        point.Encode(encoding);
        var p = new Point(encoding);
        p._decoded.Value = new StrongBox<EdwardsPoint>(point);
        return p;
    }

    /// <summary>
    /// The point in extended coordinates for variable-time arithmetic on public values. The
    /// encoding was validated when the Point was made, so decoding cannot fail; it runs once.
    /// </summary>
    internal EdwardsPoint Decoded
    {
        get
        {
            var slot = _decoded ?? throw new InvalidOperationException("Uninitialised value (default).");
            if (Volatile.Read(ref slot.Value) is { } known) return known.Value;
            if (!EdwardsPoint.TryDecode(Encoding, out var decoded)) throw Throw.Invariant("a validated point does not decode");
            // a fully built box, published by one reference write: a racing reader sees null or this
            Volatile.Write(ref slot.Value, new StrongBox<EdwardsPoint>(decoded));
            return decoded;
        }
    }

    public byte[] ToArray() => Encoding.ToArray();

    public bool Equals(Point other) => Encoding.SequenceEqual(other.Encoding);

    public override bool Equals(object? obj) => obj is Point p && Equals(p);

    public override int GetHashCode() => BitConverter.ToInt32(Encoding);

    public static bool operator ==(Point a, Point b) => a.Equals(b);

    public static bool operator !=(Point a, Point b) => !a.Equals(b);

    public static Point operator +(Point a, Point b) => Ed25519Group.Add(a, b);

    public static Point operator -(Point a, Point b) => Ed25519Group.Sub(a, b);

    public override string ToString() => Convert.ToHexStringLower(Encoding);

    internal void EnsureValid()
    {
        if (!Ed25519Group.IsValidElement(Encoding)) throw Throw.Invariant("point is not a valid prime-order element");
    }

    private sealed class DecodedSlot
    {
        public StrongBox<EdwardsPoint>? Value;
    }
}
