using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Testing;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using BcRequest = Org.BouncyCastle.Tsp.TimeStampRequest;
using BcResponse = Org.BouncyCastle.Tsp.TimeStampResponse;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// Issue 15's point: a token under the ecdsa-p384 policy (ecdsa-with-SHA384, SHA-384 signer digest,
/// ESSCertIDv2, certificate from the project's CA) is accepted by every RFC 3161 client: OpenSSL
/// 3.0 `ts -verify` with only the CA, .NET Rfc3161TimestampToken, BouncyCastle, the Node verifier
/// (node:crypto and @noble/curves) and our own TokenVerifier; and a broken signature by none.
/// </summary>
public sealed class EcdsaInteropTests : IClassFixture<EcdsaInteropTests.Context>
{
    public sealed class Context : IDisposable
    {
        public EcdsaTestTsa Tsa { get; } = new();
        public string Dir { get; } = Directory.CreateTempSubdirectory("cctsa-ecdsa-").FullName;
        public byte[] Data { get; } = "ecdsa interop data"u8.ToArray();

        public Context()
        {
            File.WriteAllBytes(Path.Combine(Dir, "data.bin"), Data);
            File.WriteAllText(Path.Combine(Dir, "ca.pem"), Tsa.Ca.CertificatePem);
            File.WriteAllText(Path.Combine(Dir, "tsa.pem"), Pem.Encode(Pem.Certificate, Tsa.CertificateDer));
        }

        public void Dispose()
        {
            Tsa.Dispose();
            Directory.Delete(Dir, true);
        }
    }

    private readonly Context _ctx;

    public EcdsaInteropTests(Context ctx) => _ctx = ctx;

    private ExternalTool.Outcome Openssl(params string[] args) => ExternalTool.Run("openssl", _ctx.Dir, args);

    private string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(_ctx.Dir, name), bytes);
        return name;
    }

    [Theory]
    [InlineData(ImprintAlgorithm.Sha256)]
    [InlineData(ImprintAlgorithm.Sha384)]
    [InlineData(ImprintAlgorithm.Sha512)]
    public void Openssl_ts_verify_accepts_the_token_with_only_the_ca(ImprintAlgorithm algorithm)
    {
        var reply = Write($"ecdsa-{algorithm}.tsr", _ctx.Tsa.Issue(_ctx.Data, algorithm: algorithm));
        var verified = Openssl("ts", "-verify", "-data", "data.bin", "-in", reply, "-CAfile", "ca.pem");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Verification: OK", verified.StdOut, StringComparison.Ordinal);
        var text = Openssl("ts", "-reply", "-in", reply, "-text");
        Assert.Contains("Policy OID: " + TsaPolicies.EcdsaP384.Oid, text.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Openssl_ts_verify_refuses_a_token_with_a_broken_signature()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data);
        var sig = SignatureOffset(response);
        response[sig] ^= 0x01;
        var verified = Openssl("ts", "-verify", "-data", "data.bin", "-in", Write("ecdsa-broken.tsr", response), "-CAfile", "ca.pem");
        Assert.NotEqual(0, verified.ExitCode);
        Assert.Contains("Verification: FAILED", verified.StdOut, StringComparison.Ordinal);
        Assert.Equal(VerificationFailure.SignatureInvalid, TokenVerifier.Verify(response, _ctx.Data, _ctx.Tsa.Options()).Failure);
    }

    [Fact]
    public void Dotnet_Rfc3161TimestampToken_verifies_the_signature_and_the_chain_builds_to_the_ca()
    {
        var token = TestTsa.TokenOf(_ctx.Tsa.Issue(_ctx.Data));
        Assert.True(Rfc3161TimestampToken.TryDecode(token, out var decoded, out var consumed));
        Assert.Equal(token.Length, consumed);
        Assert.Equal(TsaPolicies.EcdsaP384.Oid, decoded.TokenInfo.PolicyId.Value);
        Assert.True(decoded.VerifySignatureForData(_ctx.Data, out var signer), "VerifySignatureForData refused the ECDSA token");
        Assert.NotNull(signer);
        Assert.Equal("1.2.840.10045.2.1", signer.PublicKey.Oid.Value);
        Assert.False(decoded.VerifySignatureForData("other data"u8, out _));

        using var ca = X509CertificateLoader.LoadCertificate(_ctx.Tsa.Ca.CertificateDer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = TestTsa.Now.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.8"));
        Assert.True(chain.Build(signer), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void BouncyCastle_validates_the_token_against_the_tsa_certificate_and_the_request()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data, certReq: false);
        var bc = new BcResponse(response);
        bc.Validate(new BcRequest(TestTsa.RequestFor(_ctx.Data, certReq: false, policy: TsaPolicies.EcdsaP384.Oid)));
        bc.TimeStampToken.Validate(new X509CertificateParser().ReadCertificate(_ctx.Tsa.CertificateDer));
        Assert.Equal(TsaPolicies.EcdsaP384.Oid, bc.TimeStampToken.TimeStampInfo.Policy);
        Assert.True(TokenVerifier.Verify(response, _ctx.Data, _ctx.Tsa.Options()).IsValid);
    }

    [Fact]
    public void Node_verifier_accepts_the_token_and_names_a_broken_signature()
    {
        var response = _ctx.Tsa.Issue(_ctx.Data);
        var good = Node(Write("ecdsa-node.tsr", response));
        Assert.True(good.Valid, good.Output);
        Assert.Contains("\"signatureAlgorithm\":\"ecdsa-with-SHA384\"", good.Output, StringComparison.Ordinal);
        response[SignatureOffset(response)] ^= 0x01;
        Assert.Equal("SignatureInvalid", Node(Write("ecdsa-node-broken.tsr", response)).Failure);
    }

    [Fact]
    public void Openssl_checks_the_ecdsa_csr_and_the_certificate_for_timestamp_signing()
    {
        var req = Openssl("req", "-in", Write("ecdsa.csr", _ctx.Tsa.CsrDer), "-inform", "DER", "-verify", "-noout");
        Assert.True(req.ExitCode == 0, req.ToString());
        var at = TestTsa.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var verified = Openssl("verify", "-CAfile", "ca.pem", "-purpose", "timestampsign", "-attime", at, "tsa.pem");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        var text = Openssl("x509", "-in", "tsa.pem", "-noout", "-text");
        Assert.Contains("ASN1 OID: secp384r1", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Extended Key Usage: critical", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Policy: " + TsaPolicies.EcdsaP384.Oid, text.StdOut, StringComparison.Ordinal);
    }

    private (bool Valid, string? Failure, string Output) Node(string tokenFile)
    {
        var script = Path.Combine(Fixtures.RepoRoot, "tests", "interop", "verify-token.mjs");
        Assert.True(Directory.Exists(Path.Combine(Fixtures.RepoRoot, "tests", "interop", "node_modules", "pkijs")),
            "run `npm ci` in tests/interop (test.sh does) before the interop tests");
        var outcome = ExternalTool.Run("node", _ctx.Dir, script, "--data", "data.bin", "--token", tokenFile, "--ca", "ca.pem");
        using var json = JsonDocument.Parse(outcome.StdOut.Trim());
        var valid = json.RootElement.GetProperty("valid").GetBoolean();
        Assert.Equal(valid ? 0 : 1, outcome.ExitCode);
        return (valid, valid ? null : json.RootElement.GetProperty("failure").GetString(), outcome.ToString());
    }

    /// <summary>Offset of a byte of r in the token's Ecdsa-Sig-Value, the DER that ends the response.</summary>
    private static int SignatureOffset(byte[] response)
    {
        for (var i = response.Length - 110; i < response.Length - 60; i++)
            if (response[i] == 0x30 && response[i + 1] == response.Length - i - 2 && response[i + 2] == 0x02)
                return i + 6; // SEQUENCE, length, INTEGER, length, then r's bytes
        throw new InvalidOperationException("no Ecdsa-Sig-Value at the end of the response");
    }
}
