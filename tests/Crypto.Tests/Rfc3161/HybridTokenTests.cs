using System.Formats.Asn1;
using System.Text;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// Issue 16's hybrid token: one classical ECDSA P-384 SignerInfo and the ML-DSA-65 signature over the
/// same signed attributes as the unsigned attribute {arc}.2.1. Our verifier reports each half on its
/// own, `openssl ts -verify` accepts the classical half, and @noble/post-quantum (Node) verifies the
/// ML-DSA-65 signature of hybrid and ml-dsa-65 tokens.
/// </summary>
public sealed class HybridTokenTests : IClassFixture<HybridTokenTests.Context>
{
    public sealed class Context : IDisposable
    {
        public HybridTestTsa Tsa { get; } = new();
        public string Dir { get; } = Directory.CreateTempSubdirectory("cctsa-hybrid-").FullName;
        public byte[] Data { get; } = "hybrid token data"u8.ToArray();

        public Context()
        {
            File.WriteAllBytes(Path.Combine(Dir, "data.bin"), Data);
            File.WriteAllText(Path.Combine(Dir, "ca.pem"), Tsa.Classical.Ca.CertificatePem);
        }

        public void Dispose()
        {
            Tsa.Dispose();
            Directory.Delete(Dir, true);
        }
    }

    private readonly Context _ctx;

    public HybridTokenTests(Context ctx) => _ctx = ctx;

    [Fact]
    public void Hybrid_token_verifies_classical_and_post_quantum_signatures()
    {
        var verdict = TokenVerifier.Verify(_ctx.Tsa.Issue(_ctx.Data), _ctx.Data, _ctx.Tsa.CaOnly());
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Equal(TokenSignatureAlgorithm.EcdsaP384Sha384, verdict.Details!.Algorithm);
        Assert.Equal(TsaPolicies.Hybrid.Oid, verdict.Details.TstInfo.Policy);
        Assert.NotNull(verdict.PostQuantum);
        Assert.True(verdict.PostQuantum.IsValid, verdict.PostQuantum.Reason);
        Assert.Contains("ML-DSA-65 epoch 1", verdict.PostQuantum.SignerSubject, StringComparison.Ordinal);
        Assert.True(verdict.AllValid);
    }

    [Fact]
    public void Hybrid_token_with_altered_post_quantum_attribute_fails_only_the_post_quantum_check()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data);
        response[PostQuantumSignatureOffset(response) + 100] ^= 0x01;
        var verdict = TokenVerifier.Verify(response, _ctx.Data, _ctx.Tsa.CaOnly());
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Equal(VerificationFailure.SignatureInvalid, verdict.PostQuantum!.Failure);
        Assert.False(verdict.AllValid);
    }

    [Fact]
    public void Hybrid_policy_token_without_the_attribute_fails_the_post_quantum_check()
    {
        var verdict = TokenVerifier.Verify(_ctx.Tsa.IssueWithoutPostQuantum(_ctx.Data), _ctx.Data, _ctx.Tsa.CaOnly());
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Equal(VerificationFailure.Malformed, verdict.PostQuantum!.Failure);
        Assert.Contains("no post-quantum signature attribute", verdict.PostQuantum.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Hybrid_token_without_certificates_needs_the_ml_dsa_certificate_given()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data, certReq: false);
        var classicalOnly = new TokenVerificationOptions(_ctx.Tsa.Classical.Ca.CertificateDer, null, _ctx.Tsa.Classical.CertificateDer);
        var missing = TokenVerifier.Verify(response, _ctx.Data, classicalOnly);
        Assert.True(missing.IsValid, missing.Reason);
        Assert.Equal(VerificationFailure.SignerCertificateMissing, missing.PostQuantum!.Failure);
        var both = TokenVerifier.Verify(response, _ctx.Data, classicalOnly with { PostQuantumCertificateDer = _ctx.Tsa.PostQuantumCertificateDer });
        Assert.True(both.AllValid, both.PostQuantum?.Reason ?? both.Reason);
    }

    [Fact]
    public void Classical_token_has_no_post_quantum_verdict()
    {
        var verdict = TokenVerifier.Verify(_ctx.Tsa.Classical.Issue(_ctx.Data), _ctx.Data, _ctx.Tsa.Classical.Options());
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Null(verdict.PostQuantum);
    }

    [Fact]
    public void Openssl_ts_verify_accepts_the_classical_part_of_a_hybrid_token()
    {
        File.WriteAllBytes(Path.Combine(_ctx.Dir, "hybrid.tsr"), _ctx.Tsa.Issue(_ctx.Data));
        var verified = ExternalTool.Run("openssl", _ctx.Dir, "ts", "-verify", "-data", "data.bin", "-in", "hybrid.tsr", "-CAfile", "ca.pem");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Verification: OK", verified.StdOut, StringComparison.Ordinal);
        var text = ExternalTool.Run("openssl", _ctx.Dir, "ts", "-reply", "-in", "hybrid.tsr", "-text");
        Assert.Contains("Policy OID: " + TsaPolicies.Hybrid.Oid, text.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Noble_ml_dsa65_verifies_hybrid_and_ml_dsa_65_tokens_and_refuses_altered_ones()
    {
        var lines = new StringBuilder();
        void Add(byte[] token, bool expect) => lines.Append("{\"token\":\"").Append(Convert.ToHexStringLower(token)).Append("\",\"expect\":").Append(expect ? "true" : "false").Append("}\n");
        for (var i = 0; i < 3; i++) Add(_ctx.Tsa.Issue(_ctx.Data), true);
        for (var i = 0; i < 2; i++) Add(_ctx.Tsa.IssueMlDsa(_ctx.Data), true);
        var altered = _ctx.Tsa.Issue(_ctx.Data);
        altered[PostQuantumSignatureOffset(altered) + 100] ^= 0x01;
        Add(altered, false);
        var result = InteropNode.Run("mldsa-token-verify.mjs", "@noble/post-quantum", lines.ToString());
        Assert.True(result.GetProperty("mismatches").GetInt32() == 0, result.ToString());
        Assert.Equal(5, result.GetProperty("verified").GetInt32());
        Assert.Equal(1, result.GetProperty("rejected").GetInt32());
    }

    /// <summary>Offset of the hybrid attribute's OID in the response (the ML-DSA signature follows within a few bytes).</summary>
    private static int PostQuantumSignatureOffset(byte[] response)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(ProjectOids.HybridMlDsaSignature);
        var oid = writer.Encode();
        var at = response.AsSpan().IndexOf(oid);
        Assert.True(at > 0, "the response carries no hybrid signature attribute");
        return at + oid.Length;
    }
}
