using CcTsa.ControlPlane.Hosting;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Scenarios.Harness;
using CcTsa.Scenarios.Load;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Issue 14 item 8: the distributed setup once with production timings (no CCTSA_*_MS overrides:
/// signers announce every 10 s, a node is lost after 25 s), started on a fresh database in a data
/// folder an earlier deployment left with its CA and "epoch 1"/"epoch 2" certificates for other
/// keys. Before the fix the certificate step "completed" hundreds of times and the cluster never
/// became Healthy; now the stale files are set aside as certificateMismatch incidents, the epoch
/// gets its own certificate, and the log records only a handful of runbook steps.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class ProductionTimingsTests(ITestOutputHelper output)
{
    /// <summary>
    /// Process start, attestation, mutual attestation, DKG and certificate at a 10 s announce
    /// interval: about 90 s once the six processes run; the bound adds what starting six .NET
    /// processes costs on a shared two-core test machine (up to 40 s measured).
    /// </summary>
    private static readonly TimeSpan ToHealthy = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Issue_14_distributed_start_with_production_timings_over_a_stale_pki_folder_becomes_healthy_and_issues_a_verifiable_token()
    {
        string? folder = null;
        IReadOnlyList<string> stale = [];
        await using var tsa = await DistributedTsa.StartAsync(new DistributedStart(ProductionTimings: true, PrepareData: async data =>
        {
            folder = data;
            stale = await StalePki.SeedAsync(data);
        }));
        try
        {
            var healthy = await TsaClusters.WaitForStateAsync(tsa, "Healthy", ToHealthy);
            await Eventually.UntilAsync("the CA and TSA certificates to be served", () => tsa.Api.ServesCertificatesAsync(), ScenarioTimings.Transition, tsa.Diagnostics);

            // the served certificate of the epoch is for the log's group key, not a stale file
            Assert.True(Pem.TryDecode(await tsa.Api.EpochCertificatePemAsync(healthy.Epoch), Pem.Certificate, out var der));
            var certificate = TsaCertificate.Parse(der);
            Assert.Equal(healthy.Ed25519Key, Convert.ToHexStringLower(certificate.PublicKey.AsSpan()), StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToHexStringLower(certificate.CertHashSha256.AsSpan()), stale);

            // a token is issued and verifies against the served CA
            await using var load = await LoadGenerator.StartAsync(tsa.Api, new LoadOptions { Concurrency = 0 });
            var outcome = await load.StampOnceAsync();
            Assert.True(outcome.Kind == RequestOutcomeKind.Granted && outcome.TokenVerified, $"one token, verified: {outcome}");

            // no livelock: a handful of runbook steps (DKG, certificate, checklist), one certificate step
            var steps = await tsa.Api.EventsAsync("runbook_step_completed");
            Assert.True(steps.Count <= 10, "runbook steps:\n" + string.Join("\n", steps));
            Assert.Single(steps, s => s.Text("step")?.StartsWith("certificate@", StringComparison.Ordinal) == true);
            var opened = await tsa.Api.EventsAsync("incident_opened");
            Assert.Equal(2, opened.Count(e => e.TextIs("kind", "certificateMismatch")));
            Assert.DoesNotContain(opened, e => e.TextIs("kind", "runbookStalled"));
            Assert.Equal(2, Directory.GetFiles(Path.Combine(folder!, "pki", "foreign"), "*.pem").Length);

            // the data folder now carries the identity of its log: the hash of the first event
            var first = (await tsa.Api.EventsAsync()).First();
            Assert.Equal(first.Hash, LogIdentity.Read(LogIdentity.PathIn(folder!)));
        }
        catch
        {
            output.WriteLine(tsa.Diagnostics());
            throw;
        }
    }
}
