using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// Issue 16 end to end on `cctsa up`: the `hybrid` policy is offered once the epoch's ECDSA and
/// ML-DSA-65 keys are certified, and a hybrid token asked for over /tsa carries one ECDSA SignerInfo
/// that `openssl ts -verify` accepts with only /certs/ca.pem, plus the ML-DSA-65 signature over the
/// same signed attributes that our verifier checks against the ML-DSA-65 certificate in the token.
/// </summary>
[Collection(SharedEmbeddedFleet.Collection)]
public class HybridPolicyTests(SharedEmbeddedFleet fleet)
{
    [Fact]
    public async Task Hybrid_token_from_the_embedded_fleet_verifies_both_signatures_and_openssl_accepts_the_classical_one()
    {
        var work = Directory.CreateTempSubdirectory("cctsa-hybrid-").FullName;
        try
        {
            var up = fleet.Up;
            await WaitForHybridAsync(up);
            var data = "a document stamped for the long term"u8.ToArray();
            var dataFile = Path.Combine(work, "doc.txt");
            await File.WriteAllBytesAsync(dataFile, data);
            var caPem = await up.Http.GetStringAsync(new Uri("/certs/ca.pem", UriKind.Relative));
            var caFile = Path.Combine(work, "ca.pem");
            await File.WriteAllTextAsync(caFile, caPem);

            var request = await OpensslTs.QueryAsync(dataFile, work, TsaPolicies.Hybrid.Oid);
            var response = await PostTsaAsync(up, request);
            var verdict = TokenVerifier.Verify(response, data, new TokenVerificationOptions(TokenChecks.Der(caPem)));
            Assert.True(verdict.IsValid, $"classical: {verdict.Failure}: {verdict.Reason}");
            Assert.Equal(TokenSignatureAlgorithm.EcdsaP384Sha384, verdict.Details!.Algorithm);
            Assert.Equal(TsaPolicies.Hybrid.Oid, verdict.Details.TstInfo.Policy);
            Assert.True(verdict.PostQuantum is { IsValid: true }, $"post-quantum: {verdict.PostQuantum?.Failure}: {verdict.PostQuantum?.Reason}");

            var replyFile = Path.Combine(work, "doc.tsr");
            await File.WriteAllBytesAsync(replyFile, response);
            var (exit, output) = await RunAsync("bash", InteropScript(), dataFile, replyFile, caFile);
            Assert.True(exit == 0 && output.Contains("Verification: OK", StringComparison.Ordinal), $"openssl ts -verify refused the hybrid token ({exit}): {output}");
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    private static async Task WaitForHybridAsync(EmbeddedFixture up)
    {
        var watch = Stopwatch.StartNew();
        string last = "";
        while (watch.Elapsed < EmbeddedFixture.Patience)
        {
            var hybrid = (await up.GetJsonAsync("/api/policies")).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "hybrid");
            if (hybrid.GetProperty("available").GetBoolean()) return;
            last = hybrid.ToString();
            await Task.Delay(200);
        }
        throw new TimeoutException($"the hybrid policy never became available within {EmbeddedFixture.Patience.TotalSeconds:0} s; last: {last}");
    }

    // one request, one token: the coordinator keeps both halves' genTime fresh itself (HybridSigning), no client retry
    private static async Task<byte[]> PostTsaAsync(EmbeddedFixture up, byte[] request)
    {
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var reply = await up.Http.PostAsync(new Uri("/tsa", UriKind.Relative), content);
        Assert.True(reply.StatusCode == HttpStatusCode.OK, $"/tsa answered {reply.StatusCode} to the hybrid request: {await reply.Content.ReadAsStringAsync()}");
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

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException(file + " did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }
}
