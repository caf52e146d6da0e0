using System.CommandLine;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Tests.Api;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>
/// `cctsa audit query|export --url URL --token-file F` read a control plane's /api/events with the
/// auditor (or operator) token; off loopback they are refused without it.
/// </summary>
public sealed class AuditApiCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-cli-audit-").FullName;
    private ApiHost _host = null!;
    private string _auditor = "";

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(listen: "0.0.0.0");
        _auditor = Path.Combine(_dir, "auditor-token");
        await File.WriteAllTextAsync(_auditor, ApiHost.AuditorToken + "\n");
    }

    [Fact]
    public async Task Query_with_the_auditor_token_file_lists_the_events()
    {
        var (exit, output, error) = await RunAsync("audit", "query", "--url", _host.Address.ToString(), "--token-file", _auditor, "--type", "certificate_issued");
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains("certificate_issued", output, StringComparison.Ordinal);
        Assert.DoesNotContain("key_epoch_activated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_with_the_token_writes_every_event_as_a_line()
    {
        var (exit, output, error) = await RunAsync("audit", "export", "--url", _host.Address.ToString(), "--token-file", _auditor);
        Assert.True(exit == ExitCodes.Ok, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, output);
        Assert.StartsWith("{\"sequence\":1,", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_without_a_token_off_loopback_is_refused_401()
    {
        var (exit, _, error) = await RunAsync("audit", "query", "--url", _host.Address.ToString(), "--data", _dir + "-none");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("401", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reads_the_store_not_the_api()
    {
        var (exit, _, error) = await RunAsync("audit", "verify", "--url", _host.Address.ToString(), "--token-file", _auditor);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--pg or --data", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CctsaCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
