using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// A TSA issuing `hybrid` tokens as the fleet does: the ECDSA P-384 stand-in of <see cref="EcdsaTestTsa"/>
/// signs the SignerInfo, one BouncyCastle ML-DSA-65 key (standing in for the threshold ML-DSA group)
/// signs the same signed attributes, and the same dev CA certifies both keys for the hybrid policy.
/// </summary>
public sealed class HybridTestTsa : IDisposable
{
    private readonly MLDsaPrivateKeyParameters _mlDsa;

    public HybridTestTsa()
    {
        Classical = new EcdsaTestTsa();
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom(), MLDsaParameters.ml_dsa_65));
        var pair = generator.GenerateKeyPair();
        _mlDsa = (MLDsaPrivateKeyParameters)pair.Private;
        var csr = new CsrBuilder("CN=CC-TSA ML-DSA-65 epoch 1,O=CC-TSA", TokenSignatureAlgorithm.MlDsa65, ((MLDsaPublicKeyParameters)pair.Public).GetEncoded());
        var terms = new TsaCertificateTerms(TestTsa.Now.AddDays(-1), TestTsa.Now.AddYears(2), new KeyEpoch(1), [.. SHA384.HashData("signer image"u8)],
            TokenAccuracyExtension.FleetDefault, [TsaPolicies.MlDsa65.Oid, TsaPolicies.Hybrid.Oid]);
        PostQuantumCertificateDer = Classical.Ca.IssueTsaCertificate(csr.Complete(SignMlDsa(csr.ToBeSigned.Span)), terms).Value;
        PostQuantumCertificate = TsaCertificate.Parse(PostQuantumCertificateDer);
    }

    public EcdsaTestTsa Classical { get; }

    public byte[] PostQuantumCertificateDer { get; }

    public TsaCertificate PostQuantumCertificate { get; }

    public TsaPolicySet Policies { get; } = new(TsaPolicies.Hybrid.Oid, TsaPolicies.EcdsaP384.Oid, TsaPolicies.MlDsa65.Oid);

    /// <summary>Only the CA: both certificates must come from the token (certReq) or the options.</summary>
    public TokenVerificationOptions CaOnly() => new(Classical.Ca.CertificateDer);

    public byte[] SignMlDsa(ReadOnlySpan<byte> message)
    {
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        signer.Init(true, _mlDsa);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>A granted TimeStampResp for <paramref name="data"/> under the hybrid policy.</summary>
    public byte[] Issue(byte[] data, bool certReq = true)
    {
        var der = TestTsa.RequestFor(data, ImprintAlgorithm.Sha256, certReq, policy: TsaPolicies.Hybrid.Oid);
        Assert.True(TimeStampRequestParser.TryParse(der, Policies, out var request, out var rejection), rejection?.StatusText);
        var prepared = TokenBuilder.Prepare(request, new TstInfoFields(SerialNumber.NewRandom(), TestTsa.Now, TimeSpan.FromMicroseconds(50)), Classical.Certificate);
        return prepared.CompleteHybrid(Classical.Signer.Sign(prepared.SignedAttributesDer.Span), SignMlDsa(prepared.SignedAttributesDer.Span), PostQuantumCertificate);
    }

    /// <summary>A granted TimeStampResp under the ml-dsa-65 policy: one SignerInfo id-ml-dsa-65 under the ML-DSA-65 certificate.</summary>
    public byte[] IssueMlDsa(byte[] data)
    {
        var der = TestTsa.RequestFor(data, ImprintAlgorithm.Sha256, certReq: true, policy: TsaPolicies.MlDsa65.Oid);
        Assert.True(TimeStampRequestParser.TryParse(der, Policies, out var request, out var rejection), rejection?.StatusText);
        var prepared = TokenBuilder.Prepare(request, new TstInfoFields(SerialNumber.NewRandom(), TestTsa.Now, TimeSpan.FromMicroseconds(50)), PostQuantumCertificate);
        return prepared.Complete(SignMlDsa(prepared.SignedAttributesDer.Span));
    }

    /// <summary>A hybrid-policy token lacking its post-quantum attribute (a classical-only completion).</summary>
    public byte[] IssueWithoutPostQuantum(byte[] data)
    {
        var der = TestTsa.RequestFor(data, ImprintAlgorithm.Sha256, certReq: true, policy: TsaPolicies.Hybrid.Oid);
        Assert.True(TimeStampRequestParser.TryParse(der, Policies, out var request, out var rejection), rejection?.StatusText);
        var prepared = TokenBuilder.Prepare(request, new TstInfoFields(SerialNumber.NewRandom(), TestTsa.Now, TimeSpan.FromMicroseconds(50)), Classical.Certificate);
        return prepared.Complete(Classical.Signer.Sign(prepared.SignedAttributesDer.Span));
    }

    public void Dispose() => Classical.Dispose();
}
