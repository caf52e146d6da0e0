using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>Single-key Ed25519 signing for test stand-ins (TSA keys, CSRs); production signs by threshold.</summary>
internal static class TestEd25519
{
    public static byte[] Sign(Ed25519PrivateKeyParameters key, ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }
}
