using System.Diagnostics;
using System.Text.RegularExpressions;
using CcTsa.ControlPlane.Tests.Api;
using CcTsa.Testing;

namespace CcTsa.ControlPlane.Tests.Alerting;

/// <summary>
/// deploy/prometheus: the rules pass `promtool check rules` (through `promtool check config` of the
/// example prometheus.yml that loads them), fire as alerts.test.yml expects (`promtool test rules`),
/// the Alertmanager example passes `amtool check-config`, and every metric the rules name is one
/// the control plane really exports on /metrics. promtool and amtool come from Debian's prometheus
/// and prometheus-alertmanager packages, which test.sh installs.
/// </summary>
// the gauges are process-wide: an in-process embedded host of another test (UpNtsTests, the bench)
// re-labels them as its own fleet changes, so these run alone
[Collection(CcTsa.ControlPlane.Tests.Audit.ProcessMetricsCollection.Name)]
public sealed partial class PrometheusRulesTests
{
    private static readonly string Folder = Path.Combine(Fixtures.RepoRoot, "deploy", "prometheus");

    [Fact]
    public async Task Prometheus_example_and_its_rules_pass_promtool_check_config()
    {
        var (exit, output) = await RunAsync("promtool", "check", "config", "prometheus.yml");
        Assert.True(exit == 0, "promtool check config failed:\n" + output);
        Assert.Contains("alerts.yml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_fire_as_their_unit_tests_expect()
    {
        var (exit, output) = await RunAsync("promtool", "test", "rules", "alerts.test.yml");
        Assert.True(exit == 0, "promtool test rules failed:\n" + output);
    }

    [Fact]
    public async Task Alertmanager_example_passes_amtool_check_config()
    {
        var (exit, output) = await RunAsync("amtool", "check-config", "alertmanager.yml");
        Assert.True(exit == 0, "amtool check-config failed:\n" + output);
    }

    [Fact]
    public async Task Every_metric_the_rules_name_is_exported_by_the_control_plane()
    {
        var rules = await File.ReadAllTextAsync(Path.Combine(Folder, "alerts.yml"));
        var named = MetricName().Matches(rules).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("cctsa_cluster_state", named);
        await using var host = await ApiHost.StartAsync();
        using var http = host.Client();
        // the refusal counter is created with the first refusal (as in production): make one
        using (var refused = await http.PostAsync(new Uri("/api/faults/n1/kill", UriKind.Relative), null))
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        var exported = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var families = ExportedFamily().Matches(exported).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = named.Except(families).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "alerts.yml names metrics /metrics does not export: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Gauges_show_the_fleet_size_and_when_the_current_certificate_expires()
    {
        await using var host = await ApiHost.StartAsync();
        using var http = host.Client();
        var exported = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("\ncctsa_fleet_size 5\n", exported, StringComparison.Ordinal);
        Assert.Contains("\ncctsa_signing_threshold 3\n", exported, StringComparison.Ordinal);
        var notAfter = ApiHost.EpochNotBefore.AddYears(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"\ncctsa_certificate_not_after_timestamp_seconds{{scheme=\"frost-ed25519\",epoch=\"1\"}} {notAfter}\n", exported, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bcctsa_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^# TYPE (\S+) ", RegexOptions.Multiline)]
    private static partial Regex ExportedFamily();

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed ({e.Message}): ./test.sh installs it (Debian packages prometheus, prometheus-alertmanager)", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
