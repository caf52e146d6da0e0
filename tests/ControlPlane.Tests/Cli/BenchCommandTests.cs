using System.CommandLine;
using System.Text.Json;
using CcTsa.Cli.Bench;
using CcTsa.Cli.Commands;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>
/// Issue 17: `cctsa bench` end to end against the embedded TSA (JSON carries every field, no
/// errors, tokens issued; figures are not asserted), the sweep's PNG, and bad flags.
/// </summary>
[Collection(CliConsoleCollection.Name)]
public sealed class BenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-bench-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Issue_17_embedded_bench_writes_a_json_with_every_field_tokens_and_no_errors()
    {
        var json = Path.Combine(_dir, "f.json");

        var (exit, output, error) = await RunAsync("bench", "--embedded", "--seconds", "3", "--concurrency", "4", "--json", json);

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {error}\n{output}");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = doc.RootElement;
        foreach (var field in new[] { "tokensPerSecond", "p50Ms", "p90Ms", "p99Ms", "maxMs", "baselineTokensPerSecond", "errors", "concurrency", "policy", "ratio" })
            Assert.True(root.TryGetProperty(field, out _), "missing JSON field " + field);
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.True(root.GetProperty("tokens").GetInt64() > 0);
        Assert.True(root.GetProperty("tokensPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("baselineTokensPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("verifiedSamples").GetInt64() >= 1);
        Assert.Equal(4, root.GetProperty("concurrency").GetInt32());
        Assert.Equal("ecdsa-p384", root.GetProperty("policy").GetString()); // the default policy
        var p = root.GetProperty("p50Ms").GetDouble();
        Assert.True(p > 0 && p <= root.GetProperty("p90Ms").GetDouble() && root.GetProperty("p99Ms").GetDouble() <= root.GetProperty("maxMs").GetDouble());
        Assert.Contains("tokens/s", output, StringComparison.Ordinal);
        // process CPU per token, the figure that holds on a shared machine: both phases spent some
        Assert.True(root.GetProperty("cpuMsPerToken").GetDouble() > 0);
        Assert.True(root.GetProperty("baselineCpuMsPerToken").GetDouble() > 0);
        Assert.True(root.GetProperty("cpuRatio").GetDouble() > 0);
        Assert.Contains("process CPU ms/token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_17_sweep_writes_a_png_plot_of_a_named_policy()
    {
        var json = Path.Combine(_dir, "sweep.json");
        var png = Path.Combine(_dir, "plot", "sweep.png");

        var (exit, output, error) = await RunAsync("bench", "--embedded", "--seconds", "1", "--sweep", "1,2", "--policy", "ed25519", "--json", json, "--png", png);

        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {error}\n{output}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG");
        Assert.True(bytes.Length > 10_000, $"PNG of {bytes.Length} bytes is too small to be a plot");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("points").GetArrayLength());
        Assert.Equal("ed25519", root.GetProperty("policy").GetString());
        Assert.True(root.GetProperty("tokens").GetInt64() > 0);
        // the baseline holds a single Ed25519 key of the same policy, so it issues
        Assert.True(root.GetProperty("baselineTokensPerSecond").GetDouble() > 0);
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
    }

    [Theory]
    [InlineData("give exactly one of --url", "bench")]
    [InlineData("give exactly one of --url", "bench", "--embedded", "--url", "http://127.0.0.1:1/tsa")]
    [InlineData("--url must be an absolute http(s) URL", "bench", "--url", "ftp://x/tsa")]
    [InlineData("--seconds must be", "bench", "--embedded", "--seconds", "0")]
    [InlineData("--concurrency must be", "bench", "--embedded", "--concurrency", "0")]
    [InlineData("--warmup must be 0..", "bench", "--embedded", "--warmup", "-1")]
    [InlineData("--policy 'rsa' is not a known policy", "bench", "--embedded", "--policy", "rsa")]
    [InlineData("'x' is not one", "bench", "--embedded", "--sweep", "1,x", "--json", "a.json")]
    [InlineData("lists concurrency 4 twice", "bench", "--embedded", "--sweep", "4,4", "--json", "a.json")]
    [InlineData("at least two", "bench", "--embedded", "--sweep", "4", "--json", "a.json")]
    [InlineData("--sweep needs --png FILE or --json FILE", "bench", "--embedded", "--sweep", "1,4")]
    [InlineData("--png needs --sweep", "bench", "--embedded", "--png", "a.png")]
    public async Task Issue_17_bad_flags_exit_with_usage_naming_the_flag(string expected, params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_17_an_unreachable_url_exits_unavailable_naming_it()
    {
        var (exit, _, error) = await RunAsync("bench", "--url", "http://127.0.0.1:1/tsa", "--seconds", "1");

        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("127.0.0.1:1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var summary = LatencySummary.From([.. Enumerable.Range(1, 100).Select(i => (double)i)]);

        Assert.Equal(new LatencySummary(100, 50, 90, 99, 100), summary);
        Assert.Equal(LatencySummary.Empty, LatencySummary.From([]));
        Assert.Equal(new LatencySummary(1, 7, 7, 7, 7), LatencySummary.From([7.0]));
    }

    [Fact]
    public void Issue_16_hybrid_point_reports_classical_tokens_per_second_of_the_same_run_and_the_ratio()
    {
        static LoadResult Phase(long granted) => new(8, TimeSpan.FromSeconds(10), granted, new Dictionary<string, long>(), new LatencySummary(1, 1, 1, 1, 1), 1, TimeSpan.FromSeconds(1));
        var point = new BenchPoint(Phase(50), Phase(400), Phase(200));
        Assert.Equal(0.25, point.HybridRatio);
        Assert.Null(new BenchPoint(Phase(50), Phase(400)).HybridRatio);
        using var json = System.Text.Json.JsonDocument.Parse(BenchJson.Render("embedded", CcTsa.Crypto.Pki.TsaPolicies.Hybrid, 10, [point]));
        Assert.Equal("hybrid", json.RootElement.GetProperty("policy").GetString());
        Assert.Equal(5.0, json.RootElement.GetProperty("tokensPerSecond").GetDouble());
        Assert.Equal(20.0, json.RootElement.GetProperty("classicalTokensPerSecond").GetDouble());
        Assert.Equal(0.25, json.RootElement.GetProperty("hybridRatio").GetDouble());
        var report = new StringWriter();
        BenchReport.Print(report, "embedded", "hybrid", [point]);
        Assert.Contains("hybrid ÷ classical", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_that_is_no_TimeStampResp_counts_as_its_HTTP_status()
    {
        Assert.Equal("HTTP 503", ResponseOutcome.ErrorReason(503, "busy"u8.ToArray(), out var token));
        Assert.Null(token);
        var rejection = CcTsa.Crypto.Rfc3161.TimeStampResponseEncoder.EncodeRejection(
            new CcTsa.Crypto.Rfc3161.TimestampRejection(CcTsa.Crypto.Rfc3161.PkiFailureInfo.UnacceptedPolicy, "policy not offered"));
        Assert.Equal("rejection/unacceptedPolicy", ResponseOutcome.ErrorReason(200, rejection, out _));
        Assert.Equal("rejection/unacceptedPolicy (HTTP 503)", ResponseOutcome.ErrorReason(503, rejection, out _));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CctsaCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
