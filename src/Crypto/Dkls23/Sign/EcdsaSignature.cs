using System.Formats.Asn1;
using System.Numerics;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>A standard ECDSA P-384 signature (r, s): IEEE P1363 (96 bytes) or DER ECDSA-Sig-Value.</summary>
public sealed record EcdsaSignature(P384Scalar R, P384Scalar S)
{
    public byte[] ToIeeeP1363()
    {
        var b = new byte[2 * P384Scalar.Size];
        R.WriteTo(b);
        S.WriteTo(b.AsSpan(P384Scalar.Size));
        return b;
    }

    public byte[] ToDer()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(R.Value);
            w.WriteInteger(S.Value);
        }
        return w.Encode();
    }

    /// <summary>bits2int of a digest (SEC1 §4.1.3 step 5): leftmost 384 bits, as an integer mod n.</summary>
    public static P384Scalar MessageScalar(ReadOnlySpan<byte> digest)
    {
        var e = new BigInteger(digest.Length > 48 ? digest[..48] : digest, isUnsigned: true, isBigEndian: true);
        return P384Scalar.FromBig(e);
    }

    /// <summary>Textbook ECDSA verification (public values, variable time).</summary>
    public bool Verify(P384Point publicKey, ReadOnlySpan<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (R.IsZero || S.IsZero) return false;
        var sInv = S.Invert();
        using var p = P384Point.MulAddPublic(MessageScalar(digest) * sInv, R * sInv, publicKey);
        return !p.IsIdentity && P384Scalar.FromBig(p.AffineX()) == R;
    }

    public override string ToString() => "EcdsaSignature(" + Convert.ToHexString(ToIeeeP1363()) + ")";
}
