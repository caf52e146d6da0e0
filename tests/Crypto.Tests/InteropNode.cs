using System.Diagnostics;
using System.Text.Json;
using CcTsa.Testing;

namespace CcTsa.Crypto.Tests;

/// <summary>
/// Runs one of the independent Node verifiers in tests/interop over JSON lines on stdin and returns
/// its one-line JSON summary. Fails when node or the npm module is missing (test.sh runs `npm ci`
/// in tests/interop).
/// </summary>
internal static class InteropNode
{
    /// <param name="requiredModule">the npm module the script imports, or null for a script using only Node's own modules.</param>
    public static JsonElement Run(string script, string? requiredModule, string input)
    {
        var dir = Path.Combine(Fixtures.RepoRoot, "tests", "interop");
        Assert.True(requiredModule is null || Directory.Exists(Path.Combine(dir, "node_modules", requiredModule)),
            $"tests/interop/node_modules/{requiredModule} is missing: run `npm ci` in tests/interop (test.sh does).");
        var psi = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(input);
        p.StandardInput.Close();
        p.WaitForExit();
        var output = stdout.GetAwaiter().GetResult();
        Assert.True(output.Length > 0, "node printed nothing; stderr: " + stderr.GetAwaiter().GetResult());
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
