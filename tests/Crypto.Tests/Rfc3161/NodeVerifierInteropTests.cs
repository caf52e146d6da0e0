using System.Text.Json;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Testing;
using Org.BouncyCastle.Tsp;
using BcResponse = Org.BouncyCastle.Tsp.TimeStampResponse;
using BcRequest = Org.BouncyCastle.Tsp.TimeStampRequest;
using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// Positive and negative interop: the independent Node verifier (tests/interop/verify-token.mjs:
/// asn1js/pkijs + node:crypto), BouncyCastle and our own TokenVerifier must agree on every case,
/// each naming the specific reason a bad token fails.
/// </summary>
public sealed class NodeVerifierInteropTests : IClassFixture<NodeVerifierInteropTests.Context>
{
    public sealed class Context : IDisposable
    {
        public TestTsa Tsa { get; } = new();
        public TestTsa Other { get; }
        public string Dir { get; } = Directory.CreateTempSubdirectory("cctsa-node-").FullName;
        public byte[] Data { get; } = "node interop data"u8.ToArray();

        public Context()
        {
            Other = new TestTsa("Other TSA", Tsa.Ca);
            File.WriteAllBytes(Path.Combine(Dir, "data.bin"), Data);
            File.WriteAllBytes(Path.Combine(Dir, "other-data.bin"), "something else"u8.ToArray());
            File.WriteAllText(Path.Combine(Dir, "ca.pem"), Tsa.Ca.CertificatePem);
            File.WriteAllText(Path.Combine(Dir, "tsa.pem"), Pem.Encode(Pem.Certificate, Tsa.CertificateDer));
            File.WriteAllText(Path.Combine(Dir, "other-tsa.pem"), Pem.Encode(Pem.Certificate, Other.CertificateDer));
        }

        public void Dispose()
        {
            Other.Signer.Dispose();
            Tsa.Dispose();
            Directory.Delete(Dir, true);
        }
    }

    private readonly Context _ctx;

    public NodeVerifierInteropTests(Context ctx) => _ctx = ctx;

    private (bool Valid, string? Failure, string Output) Node(string tokenFile, string dataFile = "data.bin", string? tsaCert = null)
    {
        var script = Path.Combine(Fixtures.RepoRoot, "tests", "interop", "verify-token.mjs");
        var nodeModules = Path.Combine(Fixtures.RepoRoot, "tests", "interop", "node_modules", "pkijs");
        Assert.True(Directory.Exists(nodeModules), "run `npm ci` in tests/interop (test.sh does) before the interop tests");
        string[] args = tsaCert is null
            ? [script, "--data", dataFile, "--token", tokenFile, "--ca", "ca.pem"]
            : [script, "--data", dataFile, "--token", tokenFile, "--ca", "ca.pem", "--tsa-cert", tsaCert];
        var outcome = ExternalTool.Run("node", _ctx.Dir, args);
        using var json = JsonDocument.Parse(outcome.StdOut.Trim());
        var valid = json.RootElement.GetProperty("valid").GetBoolean();
        Assert.Equal(valid ? 0 : 1, outcome.ExitCode);
        return (valid, valid ? null : json.RootElement.GetProperty("failure").GetString(), outcome.ToString());
    }

    private string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(_ctx.Dir, name), bytes);
        return name;
    }

    [Theory]
    [InlineData(ImprintAlgorithm.Sha256, true)]
    [InlineData(ImprintAlgorithm.Sha384, false)]
    [InlineData(ImprintAlgorithm.Sha512, true)]
    [InlineData(ImprintAlgorithm.Sha3_256, true)]
    [InlineData(ImprintAlgorithm.Sha3_384, false)]
    public void Valid_token_passes_every_verifier(ImprintAlgorithm algorithm, bool certReq)
    {
        var response = _ctx.Tsa.Issue(_ctx.Data, certReq, algorithm: algorithm);
        var file = Write($"valid-{algorithm}-{certReq}.tsr", response);

        var node = Node(file, tsaCert: certReq ? null : "tsa.pem");
        Assert.True(node.Valid, node.Output);
        var bc = new BcResponse(response);
        bc.Validate(new BcRequest(TestTsa.RequestFor(_ctx.Data, algorithm, certReq)));
        bc.TimeStampToken.Validate(new X509CertificateParser().ReadCertificate(_ctx.Tsa.CertificateDer));
        Assert.True(TokenVerifier.Verify(response, _ctx.Data, _ctx.Tsa.Options()).IsValid);
    }

    [Fact]
    public void Token_with_flipped_signature_byte_fails_every_verifier_with_SignatureInvalid()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data);
        response[^7] ^= 0x20;
        var node = Node(Write("flipped.tsr", response));
        Assert.Equal("SignatureInvalid", node.Failure);
        var bc = Assert.Throws<TspValidationException>(() =>
            new BcResponse(response).TimeStampToken.Validate(new X509CertificateParser().ReadCertificate(_ctx.Tsa.CertificateDer)));
        Assert.Contains("signature not created by certificate", bc.Message, StringComparison.Ordinal);
        Assert.Equal(VerificationFailure.SignatureInvalid, TokenVerifier.Verify(response, _ctx.Data, _ctx.Tsa.Options()).Failure);
    }

    [Fact]
    public void Token_with_flipped_tstinfo_byte_fails_every_verifier_with_MessageDigestMismatch()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data);
        var at = response.AsSpan().IndexOf("20260501120000Z"u8);
        response[at + 11] = (byte)'9'; // 12:00:09
        Assert.Equal("MessageDigestMismatch", Node(Write("flipped-time.tsr", response)).Failure);
        var bc = Assert.Throws<TspException>(() =>
            new BcResponse(response).TimeStampToken.Validate(new X509CertificateParser().ReadCertificate(_ctx.Tsa.CertificateDer)));
        Assert.Contains("message-digest attribute value does not match", bc.Message, StringComparison.Ordinal);
        Assert.Equal(VerificationFailure.MessageDigestMismatch, TokenVerifier.Verify(response, _ctx.Data, _ctx.Tsa.Options()).Failure);
    }

    [Fact]
    public void Token_checked_with_another_tsa_certificate_fails_every_verifier_with_EssCertIdMismatch()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data, certReq: false);
        Assert.Equal("EssCertIdMismatch", Node(Write("other-tsa.tsr", response), tsaCert: "other-tsa.pem").Failure);
        var bc = Assert.Throws<TspValidationException>(() =>
            new BcResponse(response).TimeStampToken.Validate(new X509CertificateParser().ReadCertificate(_ctx.Other.CertificateDer)));
        Assert.Contains("hash does not match", bc.Message, StringComparison.Ordinal);
        Assert.Equal(VerificationFailure.EssCertIdMismatch,
            TokenVerifier.Verify(response, _ctx.Data, _ctx.Tsa.Options(giveTsaCert: false) with { TsaCertificateDer = _ctx.Other.CertificateDer }).Failure);
    }

    [Fact]
    public void Token_for_other_data_fails_every_verifier_with_ImprintMismatch()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data);
        Assert.Equal("ImprintMismatch", Node(Write("other-data.tsr", response), dataFile: "other-data.bin").Failure);
        var bc = Assert.Throws<TspValidationException>(() =>
            new BcResponse(response).Validate(new BcRequest(TestTsa.RequestFor("something else"u8.ToArray()))));
        Assert.Contains("imprint", bc.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(VerificationFailure.ImprintMismatch, TokenVerifier.Verify(response, "something else"u8.ToArray(), _ctx.Tsa.Options()).Failure);
    }

    [Fact]
    public void Rejection_fails_the_node_verifier_with_NotGranted() =>
        Assert.Equal("NotGranted", Node(Write("rejected.tsr", TimeStampResponseEncoder.EncodeRejection(TimestampRejection.BelowQuorum))).Failure);
}
