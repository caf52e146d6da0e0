using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// One in-memory ML-DSA-65 key (BouncyCastle) standing in for the threshold ML-DSA-65 group key in
/// control-plane tests: signs CSRs with pure ML-DSA-65 (empty context), as the fleet's combined
/// signature is. Tests only.
/// </summary>
public sealed class TestMlDsaGroupKey
{
    private readonly MLDsaPrivateKeyParameters _private;

    public TestMlDsaGroupKey()
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom(), MLDsaParameters.ml_dsa_65));
        var pair = generator.GenerateKeyPair();
        _private = (MLDsaPrivateKeyParameters)pair.Private;
        PublicKey = ((MLDsaPublicKeyParameters)pair.Public).GetEncoded();
    }

    /// <summary>pkEncode (1952 bytes), as CeremonyFinished and KeyEpochActivated carry it.</summary>
    public byte[] PublicKey { get; }

    public string PublicKeyHex => Convert.ToHexStringLower(PublicKey);

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        signer.Init(true, _private);
        signer.BlockUpdate(message.ToArray(), 0, message.Length);
        return signer.GenerateSignature();
    }

    public override string ToString() => "TestMlDsaGroupKey([redacted])";
}
