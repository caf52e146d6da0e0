using System.Diagnostics;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// One child OS process (`dotnet cctsa.dll …` or `dotnet cctsa-signer.dll …`) whose stdout and
/// stderr are kept in a bounded tail for failure messages. <see cref="KillHard"/> sends SIGKILL
/// (Process.Kill on Unix is kill(pid, SIGKILL)): no shutdown hook runs, exactly like a crashed VM.
/// Every started process is also registered for a kill at test-host exit, so a failed or aborted
/// test never leaves a fleet running.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 300;
    private static readonly object Registry = new();
    private static readonly HashSet<Process> Running = [];
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllRegistered();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts `dotnet &lt;dll&gt; &lt;args&gt;` with extra environment variables.</summary>
    public static ChildProcess Start(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => child.Append("err", e.Data);
        if (!process.Start()) throw new InvalidOperationException($"could not start {name}: dotnet {dll}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (Registry) Running.Add(process);
        child.Append("harness", $"started pid {process.Id}: dotnet {Path.GetFileName(dll)} {string.Join(' ', info.ArgumentList.Skip(1))}");
        return child;
    }

    /// <summary>SIGKILL, then wait until the kernel has reaped the process.</summary>
    public async Task KillHardAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // already exited between the check and the kill
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        Append("harness", "killed with SIGKILL");
        lock (Registry) Running.Remove(_process);
    }

    /// <summary>The last lines the process wrote (stdout and stderr interleaved), for failure messages.</summary>
    public string Tail(int lines = 60)
    {
        lock (_tail)
        {
            var all = _tail.ToArray();
            var exit = _process.HasExited ? $" (exited, code {SafeExitCode()})" : "";
            return $"--- {Name} pid {SafePid()}{exit}, last {Math.Min(lines, all.Length)} lines ---\n" + string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private void Append(string stream, string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue($"[{DateTimeOffset.UtcNow:HH:mm:ss.fff} {stream}] {line}");
            while (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    private string SafeExitCode()
    {
        try { return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (InvalidOperationException) { return "?"; }
    }

    private string SafePid()
    {
        try { return _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (InvalidOperationException) { return "?"; }
    }

    /// <summary>The dotnet muxer running the tests (DOTNET_HOST_PATH under `dotnet test`), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void KillAllRegistered()
    {
        lock (Registry)
        {
            foreach (var p in Running)
            {
                try
                {
                    if (!p.HasExited) p.Kill();
                }
                catch (InvalidOperationException)
                {
                    // gone already
                }
            }
            Running.Clear();
        }
    }
}
