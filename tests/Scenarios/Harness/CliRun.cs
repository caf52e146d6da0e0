using System.Diagnostics;
using System.Text;

namespace CcTsa.Scenarios.Harness;

/// <summary>Runs the built `cctsa` CLI once to completion (bounded) and returns its exit code and output.</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Output)> CctsaAsync(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(BuiltBinaries.ControlPlane);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start cctsa");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("cctsa " + string.Join(' ', info.ArgumentList.Skip(1)) + " did not finish within 60 s");
        }
        var output = new StringBuilder().Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false)).ToString();
        return (process.ExitCode, output);
    }
}
