using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// Issue 15's proof for relying parties: a default token of `cctsa up` (threshold ECDSA P-384) is
/// accepted by `openssl ts -verify` given only /certs/ca.pem (tests/interop/openssl-ts-verify.sh),
/// by .NET's Rfc3161TimestampToken chained to that CA, by BouncyCastle and by our verifier; and the
/// FROST-Ed25519 policy is still served to a client that asks for it.
/// </summary>
[Collection(SharedEmbeddedFleet.Collection)]
public class DefaultPolicyInteropTests(SharedEmbeddedFleet fleet)
{
    [Fact]
    public async Task Default_tokens_pass_openssl_dotnet_and_bouncycastle_and_ed25519_is_served_on_request()
    {
        var work = Directory.CreateTempSubdirectory("cctsa-interop-").FullName;
        try
        {
            var up = fleet.Up;
            var policies = await up.GetJsonAsync("/api/policies");
            var byDefault = Assert.Single(policies.EnumerateArray(), p => p.GetProperty("default").GetBoolean());
            Assert.Equal("ecdsa-p384", byDefault.GetProperty("name").GetString());
            Assert.Equal(TsaPolicies.EcdsaP384.Oid, byDefault.GetProperty("oid").GetString());
            var cluster = await up.GetJsonAsync("/api/cluster");
            var keys = cluster.GetProperty("publicKeys");
            Assert.Equal(cluster.GetProperty("publicKey").GetString(), keys.GetProperty("ecdsa-p384").GetString());
            Assert.Equal(64, keys.GetProperty("ed25519").GetString()!.Length);

            var data = "a document a relying party checks with its own tools"u8.ToArray();
            var dataFile = Path.Combine(work, "doc.txt");
            await File.WriteAllBytesAsync(dataFile, data);
            var caPem = await up.Http.GetStringAsync(new Uri("/certs/ca.pem", UriKind.Relative));
            var caFile = Path.Combine(work, "ca.pem");
            await File.WriteAllTextAsync(caFile, caPem);
            var ca = TokenChecks.Der(caPem);

            var request = await OpensslTs.QueryAsync(dataFile, work);
            var response = await PostTsaAsync(up, request);
            var replyFile = Path.Combine(work, "doc.tsr");
            await File.WriteAllBytesAsync(replyFile, response);
            var (exit, output) = await RunAsync(InteropScript(), dataFile, replyFile, caFile);
            Assert.True(exit == 0 && output.Contains("Verification: OK", StringComparison.Ordinal), $"openssl ts -verify refused the default token ({exit}): {output}");

            AssertDotNetAccepts(request, response, data, ca);
            TokenChecks.AssertValid(response, request, data, ca, null);
            Assert.Equal(TokenSignatureAlgorithm.EcdsaP384Sha384, Algorithm(response, data, ca));

            var frostRequest = await OpensslTs.QueryAsync(dataFile, work, TsaPolicies.Ed25519.Oid);
            var frost = await PostTsaAsync(up, frostRequest);
            TokenChecks.AssertValid(frost, frostRequest, data, ca, null);
            Assert.Equal(TokenSignatureAlgorithm.Ed25519, Algorithm(frost, data, ca));
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    private static void AssertDotNetAccepts(byte[] request, byte[] response, byte[] data, byte[] caDer)
    {
        Assert.True(Rfc3161TimestampRequest.TryDecode(request, out var decoded, out _), ".NET decodes the openssl query");
        var token = decoded!.ProcessResponse(response, out _);
        Assert.True(token.VerifySignatureForData(data, out var signer), ".NET Rfc3161TimestampToken.VerifySignatureForData accepts the token");
        using var ca = X509CertificateLoader.LoadCertificate(caDer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = token.TokenInfo.Timestamp.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.8"));
        Assert.True(chain.Build(signer!), "the TSA certificate chains to /certs/ca.pem: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    private static TokenSignatureAlgorithm Algorithm(byte[] response, byte[] data, byte[] caDer)
    {
        var verdict = TokenVerifier.Verify(response, data, new TokenVerificationOptions(caDer, null));
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.True(TimeStampResponseReader.TryRead(response, out var reply, out var error), error);
        var cms = new SignedCms();
        cms.Decode(reply.Token!.Value.Span);
        // ecdsa-with-SHA384 (RFC 5758) or id-Ed25519 (RFC 8419)
        return cms.SignerInfos[0].SignatureAlgorithm.Value switch
        {
            "1.2.840.10045.4.3.3" => TokenSignatureAlgorithm.EcdsaP384Sha384,
            "1.3.101.112" => TokenSignatureAlgorithm.Ed25519,
            var other => throw new Xunit.Sdk.XunitException("unexpected token signature algorithm " + other),
        };
    }

    private static async Task<byte[]> PostTsaAsync(EmbeddedFixture up, byte[] request)
    {
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var reply = await up.Http.PostAsync(new Uri("/tsa", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        return await reply.Content.ReadAsByteArrayAsync();
    }

    private static string InteropScript()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var script = Path.Combine(d.FullName, "tests", "interop", "openssl-ts-verify.sh");
            if (File.Exists(script)) return script;
        }
        throw new FileNotFoundException("tests/interop/openssl-ts-verify.sh not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("bash did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }
}
