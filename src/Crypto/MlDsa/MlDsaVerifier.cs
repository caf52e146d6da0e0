using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// FIPS 204 ML-DSA-65 verification (pure mode) by BouncyCastle's MLDsaSigner: an implementation
/// not written here, so the combiner's fail-closed check does not share our code's mistakes.
/// </summary>
public static class MlDsaVerifier
{
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != MlDsa65.PublicKeyBytes || signature.Length != MlDsa65.SignatureBytes || context.Length > 255) return false;
        var pub = MLDsaPublicKeyParameters.FromEncoding(MLDsaParameters.ml_dsa_65, publicKey.ToArray());
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, false);
        signer.Init(false, context.IsEmpty ? pub : new ParametersWithContext(pub, context.ToArray()));
        signer.BlockUpdate(message);
        return signer.VerifySignature(signature.ToArray());
    }
}
