using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Messages;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CcTsa.Cli.Bench;

/// <summary>
/// The bench baseline's key: ONE in-memory key of the policy's algorithm (no threshold, no
/// enclave) with a TSA certificate from a throw-away CA made for this run — Ed25519 through
/// libsodium (the same library FROST uses), ECDSA P-384 through .NET's ECDsa, ML-DSA-65 through
/// BouncyCastle's MLDsaSigner (the verifier the threshold combine checks with). Exists only for
/// `cctsa bench`; its CA is trusted by nothing but the bench's own sample check.
/// </summary>
public sealed class SingleKeyTokenSigner : IDisposable
{
    private readonly NodeSigningKey? _ed25519;
    private readonly ECDsa? _ecdsa;
    private readonly MLDsaPrivateKeyParameters? _mlDsa;

    private SingleKeyTokenSigner(NodeSigningKey? ed25519, ECDsa? ecdsa, TsaCertificate certificate, byte[] caDer, MLDsaPrivateKeyParameters? mlDsa = null)
    {
        _ed25519 = ed25519;
        _ecdsa = ecdsa;
        _mlDsa = mlDsa;
        Certificate = certificate;
        CaCertificateDer = caDer;
    }

    public TsaCertificate Certificate { get; }

    public byte[] CaCertificateDer { get; }

    public static SingleKeyTokenSigner Create(TsaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Algorithm switch
        {
            TokenSignatureAlgorithm.Ed25519 => CreateEd25519(policy),
            TokenSignatureAlgorithm.EcdsaP384Sha384 => CreateEcdsa(policy),
            TokenSignatureAlgorithm.MlDsa65 => CreateMlDsa(policy),
            _ => throw new ArgumentException($"the bench baseline has no single-key signer for policy {policy} ({policy.Algorithm})", nameof(policy)),
        };
    }

    /// <summary>
    /// Signs and checks the signature with the public key before it is used, as the FROST
    /// coordinator's aggregation does, so the token can be completed without a second check.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> signedAttributesDer)
    {
        if (_ed25519 is not null)
        {
            var signature = _ed25519.Sign(signedAttributesDer);
            return NodeSigningKey.Verify(Certificate.PublicKey.AsSpan(), signedAttributesDer, signature)
                ? signature
                : throw new CryptographicException("the single-key Ed25519 signature does not verify under its certificate key");
        }
        if (_mlDsa is not null)
        {
            var signature = SignMlDsa(_mlDsa, signedAttributesDer);
            return Crypto.MlDsa.MlDsaVerifier.Verify(Certificate.PublicKey.AsSpan(), signedAttributesDer, [], signature)
                ? signature
                : throw new CryptographicException("the single-key ML-DSA-65 signature does not verify under its certificate key");
        }
        var der = _ecdsa!.SignData(signedAttributesDer, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence);
        return _ecdsa.VerifyData(signedAttributesDer, der, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence)
            ? der
            : throw new CryptographicException("the single-key ECDSA P-384 signature does not verify under its certificate key");
    }

    private static SingleKeyTokenSigner CreateEd25519(TsaPolicy policy)
    {
        var key = NodeSigningKey.Generate();
        try
        {
            var now = DateTimeOffset.UtcNow;
            using var ca = DevCertificateAuthority.Create("CN=cctsa bench baseline CA,O=CC-TSA", now.AddDays(-1), now.AddDays(7));
            var csr = new CsrBuilder("CN=cctsa bench single key,O=CC-TSA", key.PublicKey);
            var terms = new TsaCertificateTerms(now.AddDays(-1), now.AddDays(6), new KeyEpoch(1), [.. SHA384.HashData("cctsa bench baseline"u8)],
                TimeSpan.FromSeconds(1), [policy.Oid]);
            var issued = ca.IssueTsaCertificate(csr.Complete(key.Sign(csr.ToBeSigned.Span)), terms);
            if (!issued.IsOk) throw new InvalidOperationException("bench baseline certificate refused: " + issued.Error);
            return new SingleKeyTokenSigner(key, null, TsaCertificate.Parse(issued.Value), ca.CertificateDer);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static byte[] SignMlDsa(MLDsaPrivateKeyParameters key, ReadOnlySpan<byte> message)
    {
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        signer.Init(true, key);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    private static SingleKeyTokenSigner CreateMlDsa(TsaPolicy policy)
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom(), MLDsaParameters.ml_dsa_65));
        var pair = generator.GenerateKeyPair();
        var key = (MLDsaPrivateKeyParameters)pair.Private;
        var now = DateTimeOffset.UtcNow;
        using var ca = DevCertificateAuthority.Create("CN=cctsa bench baseline CA,O=CC-TSA", now.AddDays(-1), now.AddDays(7));
        var csr = new CsrBuilder("CN=cctsa bench single key,O=CC-TSA", TokenSignatureAlgorithm.MlDsa65, ((MLDsaPublicKeyParameters)pair.Public).GetEncoded());
        var terms = new TsaCertificateTerms(now.AddDays(-1), now.AddDays(6), new KeyEpoch(1), [.. SHA384.HashData("cctsa bench baseline"u8)],
            TimeSpan.FromSeconds(1), [policy.Oid]);
        var issued = ca.IssueTsaCertificate(csr.Complete(SignMlDsa(key, csr.ToBeSigned.Span)), terms);
        if (!issued.IsOk) throw new InvalidOperationException("bench baseline certificate refused: " + issued.Error);
        return new SingleKeyTokenSigner(null, null, TsaCertificate.Parse(issued.Value), ca.CertificateDer, key);
    }

    private static SingleKeyTokenSigner CreateEcdsa(TsaPolicy policy)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        try
        {
            var now = DateTimeOffset.UtcNow;
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            var caRequest = new CertificateRequest("CN=cctsa bench baseline CA,O=CC-TSA", caKey, HashAlgorithmName.SHA384);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
            var request = new CertificateRequest("CN=cctsa bench single key,O=CC-TSA", key, HashAlgorithmName.SHA384);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            // RFC 3161 §2.3: the only EKU, critical
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
            using var leaf = request.Create(ca, now.AddDays(-1), now.AddDays(6), RandomNumberGenerator.GetBytes(16));
            return new SingleKeyTokenSigner(null, key, TsaCertificate.Parse(leaf.RawData), ca.RawData);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _ed25519?.Dispose();
        _ecdsa?.Dispose();
    }

    public override string ToString() => $"SingleKeyTokenSigner({Certificate.Algorithm}, [redacted])";
}
