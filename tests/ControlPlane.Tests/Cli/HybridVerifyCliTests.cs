using System.Formats.Asn1;
using System.Security.Cryptography;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>
/// Issue 16 in the CLI: `cctsa verify` checks both signatures of a hybrid token and reports each
/// ("classical ecdsa-p384: ok", "post-quantum ml-dsa-65: ok"); an altered post-quantum attribute
/// fails only that line and the verdict (exit 1); a token without certificates verifies with
/// --tsa-cert and --pq-cert. Tokens come from the real TokenBuilder with one key per scheme.
/// </summary>
[Collection(CliConsoleCollection.Name)]
public sealed class HybridVerifyCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-hybrid-cli-").FullName;
    private readonly DevCertificateAuthority _ca = DevCertificateAuthority.Create("CN=Hybrid CLI Root", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    private readonly TestEcdsaGroupKey _ecdsa = new();
    private readonly MLDsaPrivateKeyParameters _mlDsa;
    private readonly TsaCertificate _classical;
    private readonly TsaCertificate _postQuantum;

    public HybridVerifyCliTests()
    {
        var terms = new TsaCertificateTerms(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), new KeyEpoch(1), [.. SHA384.HashData("i"u8)],
            null, [TsaPolicies.EcdsaP384.Oid, TsaPolicies.Hybrid.Oid]);
        var csr = new CsrBuilder("CN=CC-TSA ECDSA P-384 epoch 1,O=CC-TSA", TokenSignatureAlgorithm.EcdsaP384Sha384, _ecdsa.PublicKey);
        _classical = TsaCertificate.Parse(_ca.IssueTsaCertificate(csr.Complete(_ecdsa.Sign(csr.ToBeSigned.Span)), terms).Value);
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom(), MLDsaParameters.ml_dsa_65));
        var pair = generator.GenerateKeyPair();
        _mlDsa = (MLDsaPrivateKeyParameters)pair.Private;
        var pqCsr = new CsrBuilder("CN=CC-TSA ML-DSA-65 epoch 1,O=CC-TSA", TokenSignatureAlgorithm.MlDsa65, ((MLDsaPublicKeyParameters)pair.Public).GetEncoded());
        _postQuantum = TsaCertificate.Parse(_ca.IssueTsaCertificate(pqCsr.Complete(SignMlDsa(pqCsr.ToBeSigned.Span)),
            terms with { Policies = [TsaPolicies.MlDsa65.Oid, TsaPolicies.Hybrid.Oid] }).Value);
        File.WriteAllBytes(Path("data.bin"), "hybrid cli data"u8.ToArray());
        File.WriteAllText(Path("ca.pem"), _ca.CertificatePem);
        File.WriteAllText(Path("tsa.pem"), Pem.Encode(Pem.Certificate, _classical.Der.AsSpan()));
        File.WriteAllText(Path("pq.pem"), Pem.Encode(Pem.Certificate, _postQuantum.Der.AsSpan()));
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    private byte[] SignMlDsa(ReadOnlySpan<byte> message)
    {
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        signer.Init(true, _mlDsa);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    private byte[] Issue(bool certReq)
    {
        var der = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData(File.ReadAllBytes(Path("data.bin"))), TsaPolicies.Hybrid.Oid, 7, certReq);
        Assert.True(TimeStampRequestParser.TryParse(der, new TsaPolicySet(TsaPolicies.Hybrid.Oid), out var request, out var rejection), rejection?.StatusText);
        var prepared = TokenBuilder.Prepare(request, new TstInfoFields(SerialNumber.NewRandom(), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1)), _classical);
        return prepared.CompleteHybrid(_ecdsa.Sign(prepared.SignedAttributesDer.Span), SignMlDsa(prepared.SignedAttributesDer.Span), _postQuantum);
    }

    [Fact]
    public async Task Verify_reports_both_signatures_and_an_altered_post_quantum_attribute_fails_only_that_one()
    {
        File.WriteAllBytes(Path("h.tsr"), Issue(certReq: true));
        var verified = await Run("verify", Path("data.bin"), Path("h.tsr"), "--ca", Path("ca.pem"));
        Assert.True(verified.Exit == ExitCodes.Ok, verified.Out + verified.Err);
        Assert.Contains($"policy:    {TsaPolicies.Hybrid.Oid} (hybrid)", verified.Out, StringComparison.Ordinal);
        Assert.Contains("classical ecdsa-p384: ok", verified.Out, StringComparison.Ordinal);
        Assert.Contains("post-quantum ml-dsa-65: ok", verified.Out, StringComparison.Ordinal);
        Assert.Contains("verdict:   VALID", verified.Out, StringComparison.Ordinal);

        var altered = File.ReadAllBytes(Path("h.tsr"));
        altered[AttributeOffset(altered) + 100] ^= 1;
        File.WriteAllBytes(Path("bad.tsr"), altered);
        var refused = await Run("verify", Path("data.bin"), Path("bad.tsr"), "--ca", Path("ca.pem"));
        Assert.Equal(ExitCodes.Invalid, refused.Exit);
        Assert.Contains("classical ecdsa-p384: ok", refused.Out, StringComparison.Ordinal);
        Assert.Contains("post-quantum ml-dsa-65: FAILED (SignatureInvalid)", refused.Out, StringComparison.Ordinal);
        Assert.Contains("verdict:   INVALID (SignatureInvalid): post-quantum:", refused.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_of_a_token_without_certificates_takes_tsa_cert_and_pq_cert()
    {
        File.WriteAllBytes(Path("n.tsr"), Issue(certReq: false));
        var verified = await Run("verify", Path("data.bin"), Path("n.tsr"), "--ca", Path("ca.pem"), "--tsa-cert", Path("tsa.pem"), "--pq-cert", Path("pq.pem"));
        Assert.True(verified.Exit == ExitCodes.Ok, verified.Out + verified.Err);
        Assert.Contains("post-quantum ml-dsa-65: ok", verified.Out, StringComparison.Ordinal);
    }

    private static int AttributeOffset(byte[] response)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(ProjectOids.HybridMlDsaSignature);
        var at = response.AsSpan().IndexOf(writer.Encode());
        Assert.True(at > 0, "no hybrid attribute in the response");
        return at;
    }

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliConsole.RunAsync(args);

    public void Dispose()
    {
        _ecdsa.Dispose();
        _ca.Dispose();
        Directory.Delete(_dir, true);
    }
}
