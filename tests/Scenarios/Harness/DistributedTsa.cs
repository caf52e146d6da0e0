using System.Globalization;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// `cctsa serve --pg … --amqp … --port P --faults` plus five `cctsa-signer --id nK --provider …
/// --amqp … --faults` OS processes (2/2/1 placement) on a throwaway PostgreSQL database and
/// RabbitMQ vhost. A node is lost by SIGKILL of its process (the control plane must notice by
/// itself); a replacement is a new process with the same id and no share.
/// </summary>
public sealed class DistributedTsa : ITsaCluster
{
    private readonly IsolatedServices _services;
    private readonly int _port;
    private readonly string _data;
    private readonly DistributedStart _start;
    private readonly Dictionary<string, ChildProcess> _signers = [];
    private readonly List<ChildProcess> _retired = [];
    private ChildProcess _controlPlane;

    private DistributedTsa(IsolatedServices services, int port, string data, DistributedStart start, ChildProcess controlPlane)
    {
        _services = services;
        _start = start;
        _port = port;
        _data = data;
        _controlPlane = controlPlane;
        Api = new ClusterClient(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), ClusterClient.OperatorTokenFile(data));
    }

    public TsaSetupKind Kind => TsaSetupKind.Distributed;

    public ClusterClient Api { get; }

    public Uri? Amqp => _services.AmqpUri;

    public static Task<DistributedTsa> StartAsync() => StartAsync(DistributedStart.Default);

    public static async Task<DistributedTsa> StartAsync(DistributedStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var services = await IsolatedServices.CreateAsync().ConfigureAwait(false);
        var port = FreePort.Next();
        var data = Path.Combine(Path.GetTempPath(), "cctsa-scn-cp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        if (start.PrepareData is { } prepare)
            await prepare(data).ConfigureAwait(false);
        var tsa = new DistributedTsa(services, port, data, start, LaunchControlPlane(services, port, data, start));
        try
        {
            await tsa.WaitAnswersAsync().ConfigureAwait(false);
            foreach (var node in FleetLayout.Nodes)
                await tsa.StartNodeAsync(node, NodeLaunch.Default).ConfigureAwait(false);
            return tsa;
        }
        catch
        {
            await tsa.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task KillNodeAsync(string node)
    {
        if (!_signers.Remove(node, out var process))
            throw new InvalidOperationException($"{node} is not running in this fleet");
        await process.KillHardAsync().ConfigureAwait(false);
        _retired.Add(process);
    }

    public Task StartNodeAsync(string node, NodeLaunch launch)
    {
        if (_signers.ContainsKey(node))
            throw new InvalidOperationException($"{node} is already running; kill it first");
        _signers[node] = LaunchSigner(_services, _data, node, launch, _start);
        return Task.CompletedTask;
    }

    public Task CrashControlPlaneAsync() => _controlPlane.KillHardAsync();

    public async Task RestartControlPlaneAsync()
    {
        await _controlPlane.KillHardAsync().ConfigureAwait(false);
        _retired.Add(_controlPlane);
        _controlPlane = LaunchControlPlane(_services, _port, _data, _start);
        await WaitAnswersAsync().ConfigureAwait(false);
    }

    public Task<(int ExitCode, string Output)> RunCliAsync(params string[] args) =>
        CliRun.CctsaAsync([.. args, "--pg", _services.PostgresConnection]);

    public void ExpectAlive()
    {
        if (_controlPlane.HasExited || _signers.Values.Any(p => p.HasExited))
            throw new InvalidOperationException("a process of the distributed TSA exited unexpectedly:\n" + Diagnostics());
    }

    public string Diagnostics() =>
        string.Join("\n", new[] { _controlPlane.Tail(100) }
            .Concat(_signers.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.Tail(60)))
            .Concat(_retired.Select(r => r.Tail(10))));

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        foreach (var p in _signers.Values.Concat(_retired).Append(_controlPlane))
            await p.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS temp cleaner
        }
    }

    /// <summary>One `cctsa serve` on the run's services; <paramref name="instanceId"/> names one of several (ActiveActiveTsa).</summary>
    internal static ChildProcess LaunchControlPlane(IsolatedServices services, int port, string data, DistributedStart start, string? instanceId = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.Start(instanceId is null ? "cctsa serve" : "cctsa serve " + instanceId, BuiltBinaries.ControlPlane,
            ["serve", "--pg", services.PostgresConnection, "--amqp", services.AmqpUri.ToString(),
             "--port", port.ToString(CultureInfo.InvariantCulture), "--data", data,
             "--simulated-root", SimulatedRootBundle.File, "--faults",
             .. instanceId is null ? Array.Empty<string>() : ["--instance-id", instanceId]],
            environment ?? (start.ProductionTimings ? ScenarioTimings.ProductionEnvironment : ScenarioTimings.ControlPlaneEnvironment));

    /// <summary>One `cctsa-signer` on the run's broker, pinning the CA the control plane made in <paramref name="data"/>.</summary>
    internal static ChildProcess LaunchSigner(IsolatedServices services, string data, string node, NodeLaunch launch, DistributedStart start) =>
        ChildProcess.Start("cctsa-signer " + node, BuiltBinaries.Signer,
            ["--id", node, .. launch.SignerArgs(node), "--amqp", services.AmqpUri.ToString(), "--sim-root", SimulatedRootBundle.Directory, "--simulated-time", "--faults",
             // serve creates its dev CA before it answers; the signers pin it (issue 13)
             "--tsa-ca", Path.Combine(data, "pki", "ca.pem")],
            start.ProductionTimings ? ScenarioTimings.ProductionEnvironment : ScenarioTimings.SignerEnvironment);

    private Task WaitAnswersAsync() =>
        Eventually.UntilAsync("cctsa serve to answer /api/cluster",
            async () => _controlPlane.HasExited ? throw new InvalidOperationException("cctsa serve exited:\n" + Diagnostics()) : await Api.AnswersAsync().ConfigureAwait(false),
            ScenarioTimings.Startup, Diagnostics);
}
