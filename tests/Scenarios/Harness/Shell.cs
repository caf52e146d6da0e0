using System.Diagnostics;

namespace CcTsa.Scenarios.Harness;

/// <summary>Runs one shell command line (bash -c) to completion, bounded, and returns its exit code and output.</summary>
public static class Shell
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string commandLine, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(Info(commandLine, workingDirectory)) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` in {workingDirectory} did not finish within {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    /// <summary>Starts a long-running command line in the background; the caller kills its process tree.</summary>
    public static Process Start(string commandLine, string workingDirectory) =>
        Process.Start(Info(commandLine, workingDirectory)) ?? throw new InvalidOperationException("could not start bash");

    private static ProcessStartInfo Info(string commandLine, string workingDirectory)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(commandLine);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // `dotnet test` exports its own MSBuild locations; a nested `dotnet run` must find the SDK as a user's shell would
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        return info;
    }
}
