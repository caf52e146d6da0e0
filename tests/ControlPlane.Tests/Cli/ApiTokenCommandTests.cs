using System.CommandLine;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Tests.Api;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>
/// `cctsa fault …` sends the operator token: from --token-file, else DATA/operator-token (--data,
/// default ./data); `cctsa serve` refuses a token file that does not exist.
/// </summary>
public sealed class ApiTokenCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-cli-token-").FullName;
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    [Fact]
    public async Task Fault_with_token_file_is_accepted()
    {
        var file = Path.Combine(_dir, "op");
        await File.WriteAllTextAsync(file, ApiHost.OperatorToken + "\n");
        var (exit, output, error) = await RunAsync("fault", "heal", "--url", _host.Address.ToString(), "--token-file", file);
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.StartsWith("200", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ca_import_through_the_api_sends_the_operator_token_and_reports_the_refusal()
    {
        var token = Path.Combine(_dir, "op");
        await File.WriteAllTextAsync(token, ApiHost.OperatorToken);
        var cert = Path.Combine(_dir, "issued.pem");
        await File.WriteAllTextAsync(cert, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        // past the gate (the token is right) to the control plane's import checks, which refuse this one
        var (exit, _, error) = await RunAsync("ca", "import", "--cert", cert, "--url", _host.Address.ToString(), "--token-file", token);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("400", error, StringComparison.Ordinal);
        Assert.Contains("Refused (Unreadable)", error, StringComparison.Ordinal);
        var (denied, _, deniedError) = await RunAsync("ca", "import", "--cert", cert, "--url", _host.Address.ToString(), "--data", _dir);
        Assert.Equal(ExitCodes.Usage, denied);
        Assert.Contains("--token-file", deniedError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_reads_the_operator_token_of_the_data_folder()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "operator-token"), ApiHost.OperatorToken);
        var (exit, _, error) = await RunAsync("fault", "clear", "n2", "--url", _host.Address.ToString(), "--data", _dir);
        Assert.True(exit == ExitCodes.Ok, error);
    }

    [Fact]
    public async Task Fault_without_any_token_is_a_usage_error_naming_the_option()
    {
        var (exit, _, error) = await RunAsync("fault", "heal", "--url", _host.Address.ToString(), "--data", _dir);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--token-file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_with_the_auditor_token_is_refused_403()
    {
        var file = Path.Combine(_dir, "au");
        await File.WriteAllTextAsync(file, ApiHost.AuditorToken);
        var (exit, _, error) = await RunAsync("fault", "heal", "--url", _host.Address.ToString(), "--token-file", file);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("403", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_start_of_a_node_outside_the_roster_is_refused()
    {
        var file = Path.Combine(_dir, "op");
        await File.WriteAllTextAsync(file, ApiHost.OperatorToken);
        var (exit, _, error) = await RunAsync("fault", "start", "n10", "--url", _host.Address.ToString(), "--token-file", file);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("not in the roster", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compromise_report_needs_a_reason_and_sends_it()
    {
        var file = Path.Combine(_dir, "op");
        await File.WriteAllTextAsync(file, ApiHost.OperatorToken);
        var (missing, _, why) = await RunAsync("fault", "compromise", "n2", "--url", _host.Address.ToString(), "--token-file", file);
        Assert.NotEqual(ExitCodes.Ok, missing); // a parse error of System.CommandLine
        Assert.Contains("--reason", why, StringComparison.Ordinal);
        var (exit, output, error) = await RunAsync("fault", "compromise", "n2", "--reason", "laptop stolen", "--url", _host.Address.ToString(), "--token-file", file);
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.StartsWith("202", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_an_operator_token_file_that_does_not_exist()
    {
        var missing = Path.Combine(_dir, "nope");
        var (exit, _, error) = await RunAsync("serve", "--pg", "Host=127.0.0.1;Port=1", "--amqp", "amqp://guest:guest@127.0.0.1:1/", "--data", _dir, "--operator-token-file", missing);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing), "a typo must not create a token file");
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
