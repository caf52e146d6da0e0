using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Verifies a CMS signature over the signed attributes, switching on the token algorithm. Managed
/// code (BouncyCastle) so verification is identical on every platform.
/// </summary>
internal static class SignatureVerifier
{
    private static readonly Lazy<ECDomainParameters> P384 = new(() =>
    {
        var curve = ECNamedCurveTable.GetByName("P-384");
        return new ECDomainParameters(curve);
    });

    public static bool Verify(TokenSignatureAlgorithm algorithm, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ISigner signer;
        try
        {
            switch (algorithm)
            {
                case TokenSignatureAlgorithm.Ed25519:
                    if (publicKey.Length != Ed25519PublicKeyParameters.KeySize || signature.Length != 64)
                        return false;
                    signer = new Ed25519Signer();
                    signer.Init(false, new Ed25519PublicKeyParameters(publicKey));
                    break;
                case TokenSignatureAlgorithm.EcdsaP384Sha384:
                    var point = P384.Value.Curve.DecodePoint(publicKey.ToArray());
                    signer = new DsaDigestSigner(new ECDsaSigner(), new Sha384Digest());
                    signer.Init(false, new ECPublicKeyParameters(point, P384.Value));
                    break;
                case TokenSignatureAlgorithm.MlDsa65:
                    if (publicKey.Length != 1952)
                        return false;
                    signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
                    signer.Init(false, MLDsaPublicKeyParameters.FromEncoding(MLDsaParameters.ml_dsa_65, publicKey.ToArray()));
                    break;
                default:
                    return false;
            }
        }
        catch (ArgumentException)
        {
            return false; // public key not a valid encoding for the algorithm
        }
        signer.BlockUpdate(message);
        return signer.VerifySignature(signature.ToArray());
    }
}
