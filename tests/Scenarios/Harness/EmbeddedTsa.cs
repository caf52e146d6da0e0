using System.Globalization;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// `dotnet cctsa.dll up --faults --port P --data DIR` as a child OS process: SQLite event store,
/// in-memory bus, five in-process signers. Nodes are killed and started through the faults API;
/// a crash is a SIGKILL of the whole process and a restart reuses the same data directory.
/// </summary>
public sealed class EmbeddedTsa : ITsaCluster
{
    private readonly int _port;
    private readonly string _data;
    private readonly IReadOnlyList<string> _extraArgs;
    private ChildProcess _process;

    private EmbeddedTsa(int port, string data, ChildProcess process, IReadOnlyList<string> extraArgs)
    {
        _port = port;
        _data = data;
        _process = process;
        _extraArgs = extraArgs;
        Api = new ClusterClient(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), ClusterClient.OperatorTokenFile(data));
    }

    public TsaSetupKind Kind => TsaSetupKind.Embedded;

    public ClusterClient Api { get; }

    public Uri? Amqp => null;

    public string DataDirectory => _data;

    /// <summary>Starts `up --faults` on a free port and a fresh data folder, plus <paramref name="extraArgs"/> (e.g. --alert-webhook URL).</summary>
    public static async Task<EmbeddedTsa> StartAsync(params string[] extraArgs)
    {
        var port = FreePort.Next();
        var data = Path.Combine(Path.GetTempPath(), "cctsa-scn-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        var tsa = new EmbeddedTsa(port, data, Launch(port, data, extraArgs), extraArgs);
        await tsa.WaitAnswersAsync().ConfigureAwait(false);
        return tsa;
    }

    public Task KillNodeAsync(string node) => Api.KillAsync(node);

    public Task StartNodeAsync(string node, NodeLaunch launch) => Api.StartAsync(node, launch);

    public Task CrashControlPlaneAsync() => _process.KillHardAsync();

    public async Task RestartControlPlaneAsync()
    {
        await _process.KillHardAsync().ConfigureAwait(false);
        var old = _process;
        _process = Launch(_port, _data, _extraArgs);
        await old.DisposeAsync().ConfigureAwait(false);
        await WaitAnswersAsync().ConfigureAwait(false);
    }

    public Task<(int ExitCode, string Output)> RunCliAsync(params string[] args) => CliRun.CctsaAsync([.. args, "--data", _data]);

    public string Diagnostics() => _process.Tail(120);

    public void ExpectAlive()
    {
        if (_process.HasExited) throw new InvalidOperationException("cctsa up exited unexpectedly:\n" + Diagnostics());
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned by the OS
        }
    }

    private static ChildProcess Launch(int port, string data, IReadOnlyList<string> extraArgs) =>
        ChildProcess.Start("cctsa up", BuiltBinaries.ControlPlane,
            ["up", "--faults", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", data, .. extraArgs],
            ScenarioTimings.ControlPlaneEnvironment);

    private Task WaitAnswersAsync() =>
        Eventually.UntilAsync("the embedded control plane to answer /api/cluster",
            async () => _process.HasExited ? throw new InvalidOperationException("cctsa up exited:\n" + Diagnostics()) : await Api.AnswersAsync().ConfigureAwait(false),
            ScenarioTimings.Startup, Diagnostics);
}
