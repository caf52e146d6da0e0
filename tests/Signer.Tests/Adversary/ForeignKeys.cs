using CcTsa.Crypto.Pki;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>Certificates an attacker can obtain honestly from a CA: for a key it holds (not the group key).</summary>
internal static class ForeignKeys
{
    /// <summary>A TSA certificate from <paramref name="ca"/> for a fresh Ed25519 key of the attacker's.</summary>
    public static byte[] CertificateFor(DevCertificateAuthority ca, int epoch, TimeSpan? accuracy, params string[] policies)
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        var csr = new CsrBuilder($"CN=CC-TSA Ed25519 epoch {epoch},O=CC-TSA", publicKey);
        var signer = new Ed25519Signer();
        signer.Init(true, pair.Private);
        var tbs = csr.ToBeSigned.ToArray();
        signer.BlockUpdate(tbs, 0, tbs.Length);
        var now = DateTimeOffset.UtcNow;
        var terms = new TsaCertificateTerms(now.AddDays(-1), now.AddYears(1), new KeyEpoch(epoch), [.. new byte[48]], accuracy, [.. policies]);
        return ca.IssueTsaCertificate(csr.Complete(signer.GenerateSignature()), terms).Value;
    }
}
