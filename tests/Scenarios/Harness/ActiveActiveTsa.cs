using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// Two `cctsa serve --instance-id cp-1|cp-2` processes on one throwaway PostgreSQL database,
/// RabbitMQ vhost and data folder (CA, certificates, API tokens), plus the five `cctsa-signer`
/// processes of <see cref="DistributedTsa"/>. cp-1 starts first, so it leads at first; which one
/// leads is asked, never assumed (/healthz "leader").
/// </summary>
public sealed class ActiveActiveTsa : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Instances = ["cp-1", "cp-2"];

    // Seven processes on two shared cores: a first DKG (FROST and DKLs23 keys) can outlast the
    // scenarios' 20 s ceremony timeout, and a DKG aborted after the signers finished it cannot be
    // run again for that epoch. Detection timings stay short.
    private static readonly IReadOnlyDictionary<string, string> PlaneEnvironment =
        new Dictionary<string, string>(ScenarioTimings.ControlPlaneEnvironment) { ["CCTSA_CEREMONY_TIMEOUT_MS"] = "60000" };

    private readonly IsolatedServices _services;
    private readonly string _data;
    private readonly Dictionary<string, ChildProcess> _planes = [];
    private readonly Dictionary<string, ChildProcess> _signers = [];
    private readonly List<ChildProcess> _retired = [];
    private readonly Dictionary<string, ClusterClient> _apis = [];

    private ActiveActiveTsa(IsolatedServices services, string data)
    {
        _services = services;
        _data = data;
    }

    public string PostgresConnection => _services.PostgresConnection;

    /// <summary>The API of one instance (cp-1 or cp-2).</summary>
    public ClusterClient Api(string instance) => _apis[instance];

    public IReadOnlyList<Uri> BaseUris => [.. Instances.Select(i => _apis[i].BaseUri)];

    public static async Task<ActiveActiveTsa> StartAsync()
    {
        var services = await IsolatedServices.CreateAsync().ConfigureAwait(false);
        var data = Path.Combine(Path.GetTempPath(), "cctsa-scn-aa-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        var tsa = new ActiveActiveTsa(services, data);
        try
        {
            // the first makes the CA and API tokens the second and the signers then read; the second
            // and the signers start together (a start costs tens of seconds on a loaded machine)
            tsa.Launch(Instances[0]);
            await tsa.WaitAnswersAsync(Instances[0]).ConfigureAwait(false);
            tsa.Launch(Instances[1]);
            foreach (var node in FleetLayout.Nodes)
                tsa._signers[node] = DistributedTsa.LaunchSigner(services, data, node, NodeLaunch.Default, DistributedStart.Default);
            await tsa.WaitAnswersAsync(Instances[1]).ConfigureAwait(false);
            return tsa;
        }
        catch
        {
            await tsa.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Launch(string instance)
    {
        var port = FreePort.Next();
        _apis[instance] = new ClusterClient(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), ClusterClient.OperatorTokenFile(_data));
        _planes[instance] = DistributedTsa.LaunchControlPlane(_services, port, _data, DistributedStart.Default, instance, PlaneEnvironment);
    }

    /// <summary>/healthz of <paramref name="instance"/>: whether it leads, or null while it does not answer.</summary>
    public async Task<bool?> LeadsAsync(string instance)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = _apis[instance].BaseUri, Timeout = TimeSpan.FromSeconds(10) };
            var health = await http.GetFromJsonAsync<JsonElement>("/healthz").ConfigureAwait(false);
            Assert.Equal(instance, health.GetProperty("instance").GetString());
            return health.GetProperty("leader").GetBoolean();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The one instance that says it leads (waits until exactly one does).</summary>
    public Task<string> LeaderAsync() =>
        Eventually.UntilAsync("exactly one control plane to lead", async () =>
        {
            var leading = new List<string>();
            foreach (var instance in _planes.Keys)
                if (await LeadsAsync(instance).ConfigureAwait(false) == true) leading.Add(instance);
            return leading.Count == 1 ? leading[0] : null;
        }, ScenarioTimings.Transition, Diagnostics);

    public async Task KillControlPlaneAsync(string instance)
    {
        if (!_planes.Remove(instance, out var process))
            throw new InvalidOperationException($"{instance} is not running");
        await process.KillHardAsync().ConfigureAwait(false);
        _retired.Add(process);
    }

    public async Task KillNodeAsync(string node)
    {
        if (!_signers.Remove(node, out var process))
            throw new InvalidOperationException($"{node} is not running in this fleet");
        await process.KillHardAsync().ConfigureAwait(false);
        _retired.Add(process);
    }

    public void StartNode(string node)
    {
        if (_signers.ContainsKey(node))
            throw new InvalidOperationException($"{node} is already running; kill it first");
        _signers[node] = DistributedTsa.LaunchSigner(_services, _data, node, NodeLaunch.Default, DistributedStart.Default);
    }

    public Task<(int ExitCode, string Output)> RunCliAsync(params string[] args) =>
        CliRun.CctsaAsync([.. args, "--pg", _services.PostgresConnection]);

    public string Diagnostics() =>
        string.Join("\n", _planes.Values.Select(p => p.Tail(80))
            .Concat(_signers.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.Tail(20)))
            .Concat(_retired.Select(r => r.Tail(30))));

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis.Values) api.Dispose();
        foreach (var p in _signers.Values.Concat(_planes.Values).Concat(_retired))
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

    private Task WaitAnswersAsync(string instance) =>
        Eventually.UntilAsync($"cctsa serve {instance} to answer /api/cluster",
            async () => _planes[instance].HasExited
                ? throw new InvalidOperationException($"cctsa serve {instance} exited:\n" + Diagnostics())
                : await _apis[instance].AnswersAsync().ConfigureAwait(false),
            ScenarioTimings.Startup, Diagnostics);
}
