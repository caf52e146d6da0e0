using Org.BouncyCastle.Asn1.X9;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// SEC1 encodings of P-384 public keys. The fleet reports its ECDSA group key compressed (49
/// bytes, CeremonyFinished) while certificates carry it uncompressed (97 bytes, RFC 5480), so keys
/// are compared as points, never as bytes. Public values only.
/// </summary>
public static class P384Points
{
    private static readonly Lazy<X9ECParameters> Curve = new(() => ECNamedCurveTable.GetByName("P-384"));

    /// <summary>The uncompressed SEC1 form of <paramref name="sec1"/>, or null when it is no point of P-384.</summary>
    public static byte[]? Uncompressed(ReadOnlySpan<byte> sec1)
    {
        if (sec1.Length is not (49 or 97))
            return null;
        try
        {
            var point = Curve.Value.Curve.DecodePoint(sec1.ToArray());
            return point.IsInfinity ? null : point.GetEncoded(false);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>True when both encodings are the same point of P-384.</summary>
    public static bool SamePoint(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        Uncompressed(a) is { } x && Uncompressed(b) is { } y && x.AsSpan().SequenceEqual(y);
}
