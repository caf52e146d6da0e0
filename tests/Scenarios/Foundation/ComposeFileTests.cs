using System.Diagnostics;
using System.Text.RegularExpressions;
using CcTsa.Testing;

namespace CcTsa.Scenarios.Foundation;

/// <summary>
/// compose/docker-compose.yml is valid for the Compose tool (`docker compose` v2 or the Debian
/// `docker-compose` v1 that test.sh installs) and describes the fleet of DESIGN.md: five signers
/// n1..n5 on providers azure, azure, gcp, gcp, third. No Docker engine is needed for `config`.
/// </summary>
public partial class ComposeFileTests
{
    private static readonly string ComposeFile = Path.Combine(Fixtures.RepoRoot, "compose", "docker-compose.yml");

    [Fact]
    public async Task Compose_file_passes_compose_config()
    {
        var (exit, _, stderr) = await ComposeAsync("config", "-q");
        Assert.True(exit == 0, "compose config failed: " + stderr);
    }

    [Fact]
    public async Task Compose_file_runs_stores_bus_control_plane_and_five_signers_placed_two_two_one()
    {
        var (exit, stdout, stderr) = await ComposeAsync("config");
        Assert.True(exit == 0, "compose config failed: " + stderr);

        var signers = SignerFlags(stdout);
        Assert.Equal(["n1", "n2", "n3", "n4", "n5"], signers.Keys.Order());
        Assert.All(signers, s => Assert.Equal(s.Key, s.Value.Id));
        Assert.Equal(["azure", "azure", "gcp", "gcp", "third"], signers.Keys.Order().Select(k => signers[k].Provider));

        var (servicesExit, services, _) = await ComposeAsync("config", "--services");
        Assert.Equal(0, servicesExit);
        Assert.Equal(["balancer", "controlplane-1", "controlplane-2", "n1", "n2", "n3", "n4", "n5", "pki-init", "postgres", "rabbitmq"],
            services.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
    }

    [Fact]
    public async Task Compose_file_pins_the_tsa_ca_from_pki_init_before_any_signer_starts()
    {
        var (exit, stdout, stderr) = await ComposeAsync("config");
        Assert.True(exit == 0, "compose config failed: " + stderr);
        var services = ServiceBlocks(stdout);

        // pki-init creates the CA on the control plane's data volume and copies only ca.pem to the pin volume
        var init = services["pki-init"];
        Assert.Contains("ca init --data /data", init, StringComparison.Ordinal);
        Assert.Contains("cp /data/pki/ca.pem /capin/ca.pem", init, StringComparison.Ordinal);
        Assert.Contains("- cpdata:/data", init, StringComparison.Ordinal);
        foreach (var plane in ControlPlanes)
            Assert.Contains(services[plane].Split('\n'), l => l.Trim() == "- cpdata:/data:rw" || l.Trim() == "- cpdata:/data");
        foreach (var node in (string[])["n1", "n2", "n3", "n4", "n5", .. ControlPlanes])
        {
            var block = services[node];
            Assert.Matches(new Regex("pki-init:\\s*\n\\s*condition: service_completed_successfully"), block);
            if (ControlPlanes.Contains(node)) continue;
            Assert.Matches(new Regex("- --tsa-ca\\s*\n\\s*- /capin/ca.pem"), block);
            Assert.Contains("- capin:/capin:ro", block, StringComparison.Ordinal);
            Assert.DoesNotContain("cpdata", block, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Compose_file_runs_two_control_planes_behind_a_balancer_on_8318_checked_on_readyz()
    {
        var (exit, stdout, stderr) = await ComposeAsync("config");
        Assert.True(exit == 0, "compose config failed: " + stderr);
        var services = ServiceBlocks(stdout);

        // two instances, each named, same stores and data volume, neither reachable but through the balancer
        string[] ids = ["cp-1", "cp-2"];
        foreach (var (plane, id) in ControlPlanes.Zip(ids))
        {
            var block = services[plane];
            Assert.Matches(new Regex("- --instance-id\\s*\n\\s*- " + id + "\\s*\n"), block);
            Assert.Matches(new Regex("- --pg\\s*\n\\s*- Host=postgres;"), block);
            Assert.Matches(new Regex("- --amqp\\s*\n\\s*- amqp://cctsa:[^@]+@rabbitmq:5672/"), block);
            Assert.DoesNotContain("ports:", block, StringComparison.Ordinal);
        }
        var balancer = services["balancer"];
        Assert.Contains("dockerfile: compose/Dockerfile.balancer", balancer, StringComparison.Ordinal);
        Assert.Matches(new Regex("127\\.0\\.0\\.1:8318:8318"), balancer);
        Assert.Single(services, s => s.Value.Contains(":8318:8318", StringComparison.Ordinal));

        // HAProxy from Debian with the configuration of compose/, which sends to both instances on
        // their readiness, falls back to the live ones, and retries a dropped request on the other
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Fixtures.RepoRoot, "compose", "Dockerfile.balancer"));
        Assert.Matches(new Regex("FROM debian:"), dockerfile);
        Assert.Contains("apt-get install -y --no-install-recommends haproxy", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY compose/haproxy.cfg /etc/haproxy/haproxy.cfg", dockerfile, StringComparison.Ordinal);
        var config = await File.ReadAllTextAsync(HaproxyConfig);
        var ready = Section(config, "backend ready");
        Assert.Contains("option httpchk GET /readyz", ready, StringComparison.Ordinal);
        Assert.Contains("server cp-1 controlplane-1:8318", ready, StringComparison.Ordinal);
        Assert.Contains("server cp-2 controlplane-2:8318", ready, StringComparison.Ordinal);
        Assert.Contains("option httpchk GET /healthz", Section(config, "backend alive"), StringComparison.Ordinal);
        Assert.Contains("bind :8318", Section(config, "frontend tsa"), StringComparison.Ordinal);
        Assert.Contains("retry-on conn-failure", Section(config, "defaults"), StringComparison.Ordinal);

        // the balancer accepts the file (the control-plane names resolve only inside Compose)
        var (check, output, errors) = await RunAsync("haproxy", ["-c", "-f", HaproxyConfig]);
        Assert.True(check == 0, $"haproxy -c failed ({check}; ./test.sh installs haproxy): {output}{errors}");
    }

    private static readonly string[] ControlPlanes = ["controlplane-1", "controlplane-2"];

    private static readonly string HaproxyConfig = Path.Combine(Fixtures.RepoRoot, "compose", "haproxy.cfg");

    /// <summary>The lines of one haproxy.cfg section (from its header to the next unindented line).</summary>
    private static string Section(string config, string header)
    {
        var lines = config.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == header);
        Assert.True(start >= 0, $"haproxy.cfg has no '{header}' section");
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || char.IsWhiteSpace(l[0]) || l.StartsWith('#')));
    }

    /// <summary>Each service's block of the normalised YAML, by service name.</summary>
    private static Dictionary<string, string> ServiceBlocks(string config)
    {
        var blocks = new Dictionary<string, string>();
        string? service = null;
        var current = new System.Text.StringBuilder();
        foreach (var line in config.Split('\n'))
        {
            if (ServiceKey().Match(line) is { Success: true } m)
            {
                if (service is not null) blocks[service] = current.ToString();
                service = m.Groups[1].Value;
                current.Clear();
                continue;
            }
            if (line.Length > 0 && !line.StartsWith(' ')) { if (service is not null) blocks[service] = current.ToString(); service = null; continue; }
            current.Append(line).Append('\n');
        }
        if (service is not null) blocks[service] = current.ToString();
        return blocks;
    }

    /// <summary>--id / --provider of each service in the normalised YAML that `config` prints.</summary>
    private static Dictionary<string, (string Id, string Provider)> SignerFlags(string config)
    {
        var result = new Dictionary<string, (string Id, string Provider)>();
        string? service = null, id = null, provider = null;
        var lines = config.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (ServiceKey().Match(lines[i]) is { Success: true } m) { service = m.Groups[1].Value; id = provider = null; continue; }
            var item = lines[i].Trim();
            if (i + 1 < lines.Length && service is not null && item is "- --id" or "- --provider")
            {
                var value = lines[i + 1].Trim().TrimStart('-').Trim().Trim('\'', '"');
                if (item == "- --id") id = value; else provider = value;
                if (id is not null && provider is not null) result[service] = (id, provider);
            }
        }
        return result;
    }

    [GeneratedRegex("^  ([A-Za-z0-9_-]+):\\s*$")]
    private static partial Regex ServiceKey();

    private static async Task<(int Exit, string Stdout, string Stderr)> ComposeAsync(params string[] args)
    {
        // Compose v2 (docker plugin) when present, else the standalone v1 that test.sh installs.
        var v2 = await RunAsync("docker", ["compose", "version"]);
        var (tool, prefix) = v2.Exit == 0 ? ("docker", new[] { "compose" }) : ("docker-compose", Array.Empty<string>());
        return await RunAsync(tool, [.. prefix, "-f", ComposeFile, .. args]);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Fixtures.RepoRoot };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(psi) ?? throw new InvalidOperationException(file + " did not start"); }
        catch (System.ComponentModel.Win32Exception e) when (file == "docker-compose")
        {
            throw new InvalidOperationException("Neither `docker compose` nor `docker-compose` is installed; ./test.sh installs docker-compose.", e);
        }
        catch (System.ComponentModel.Win32Exception) { return (127, "", file + " not found"); }
        using (process)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
