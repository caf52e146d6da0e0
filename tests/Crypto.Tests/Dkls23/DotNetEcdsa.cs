using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>Verification by .NET's own ECDsa (OpenSSL-backed, not our code): the independent check.</summary>
internal static class DotNetEcdsa
{
    public static ECDsa FromPublicKey(P384Point pk)
    {
        var q = pk.EncodeUncompressed();
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = q[1..49], Y = q[49..97] },
        });
    }

    public static bool Verifies(P384Point pk, byte[] digest, EcdsaSignature sig)
    {
        using var e = FromPublicKey(pk);
        return e.VerifyHash(digest, sig.ToIeeeP1363(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            && e.VerifyHash(digest, sig.ToDer(), DSASignatureFormat.Rfc3279DerSequence);
    }
}
