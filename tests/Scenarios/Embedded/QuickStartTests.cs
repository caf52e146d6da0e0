using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CcTsa.Scenarios.Harness;
using CcTsa.Testing;

namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// Issue 19's newcomer path: the README's quick-start commands, typed literally from the root of a
/// fresh copy of the repository, work — `dotnet run` resolves doc.txt, doc.tsr and ./data against
/// that root (not src/Cli) — and `up` writing into a file shows one line per start-up stage with
/// its elapsed time instead of progress bars.
/// </summary>
public sealed class QuickStartTests
{
    private const string Up = "dotnet run --project src/Cli -- up";

    private static readonly string[] TryIt =
    [
        "echo hello > doc.txt",
        "dotnet run --project src/Cli -- request doc.txt --cert --out doc.tsr",
        "dotnet run --project src/Cli -- verify doc.txt doc.tsr",
        "dotnet run --project src/Cli -- audit query --data ./data",
    ];

    /// <summary>The first `dotnet run` of a fresh copy builds every project: far longer than the start itself.</summary>
    private static readonly TimeSpan FirstStart = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan OneCommand = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Readme_quick_start_runs_literally_from_the_root_of_a_fresh_copy()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Fixtures.RepoRoot, "README.md"));
        foreach (var command in TryIt.Prepend(Up))
            Assert.True(readme.Contains(command, StringComparison.Ordinal), $"README.md no longer shows `{command}`: update this test with it");
        AssertPortFree(8318);

        using var clone = await RepositoryCopy.CreateAsync();
        using var up = Shell.Start(Up + " > up.log 2>&1", clone.Root);
        var log = Path.Combine(clone.Root, "up.log");
        try
        {
            await WaitServingAsync(up, log);
            var outputs = new List<string>();
            foreach (var command in TryIt)
            {
                var (exit, output) = await Shell.RunAsync(command, clone.Root, OneCommand);
                Assert.True(exit == 0, $"`{command}` failed (exit {exit}) in {clone.Root}:\n{output}\n--- up.log ---\n{ReadShared(log)}");
                outputs.Add(output);
            }
            Assert.True(File.Exists(Path.Combine(clone.Root, "doc.tsr")), "request wrote no doc.tsr in the folder it was typed in");
            Assert.Contains("serial:", outputs[2], StringComparison.Ordinal);
            Assert.Contains("token_issued", outputs[3], StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(clone.Root, "data", "operator-token")), "up did not keep its data under ./data of the folder it was typed in");
            Assert.False(Directory.Exists(Path.Combine(clone.Root, "src", "Cli", "data")), "up wrote its data under src/Cli/data");

            var text = ReadShared(log);
            foreach (var stage in new[] { "store opened", "5 nodes attested", "distributed key generation (3-of-5)", "TSA certificate issued and installed", "serving on http://127.0.0.1:8318" })
                Assert.True(StageLine(stage).IsMatch(text), $"up.log has no stage line for '{stage}':\n{text}");
            Assert.DoesNotContain("0%", text, StringComparison.Ordinal);
        }
        finally
        {
            up.Kill(entireProcessTree: true);
            await up.WaitForExitAsync();
        }
    }

    private static Regex StageLine(string stage) => new(@"^\[\s*\d+\.\d s\] " + Regex.Escape(stage) + "$", RegexOptions.Multiline);

    private static async Task WaitServingAsync(Process up, string log)
    {
        var watch = Stopwatch.StartNew();
        while (!ReadShared(log).Contains("Ready.", StringComparison.Ordinal))
        {
            if (up.HasExited) Assert.Fail($"`{Up}` exited (code {up.ExitCode}) before serving:\n{ReadShared(log)}");
            if (watch.Elapsed > FirstStart) Assert.Fail($"`{Up}` did not serve within {FirstStart.TotalMinutes:0} min:\n{ReadShared(log)}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>The log while `up` still writes it.</summary>
    private static string ReadShared(string path)
    {
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The README's `up` listens on 8318; a TSA already there would answer instead of the copy's.</summary>
    private static void AssertPortFree(int port)
    {
        using var probe = new TcpClient();
        try
        {
            probe.Connect("127.0.0.1", port);
        }
        catch (SocketException)
        {
            return;
        }
        Assert.Fail($"port {port} is already in use on 127.0.0.1: stop whatever listens there (a running `cctsa up`?) so the README's commands reach the copy under test");
    }
}
