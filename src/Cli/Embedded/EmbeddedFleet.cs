using System.Collections.Concurrent;
using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Attestation;
using CcTsa.Crypto.Common;
using CcTsa.Signer;
using CcTsa.Signer.Platform;
using MassTransit;

namespace CcTsa.Cli.Embedded;

/// <summary>
/// The embedded fleet of `cctsa up`; it lives in the `cctsa` executable because that is the only
/// project referencing both ControlPlane and Signer (the control plane sees it as INodeLifecycle). Five
/// <see cref="SignerNode"/>s n1..n5 (providers azure, azure, gcp, gcp, third) on the in-process
/// bus, each on its own simulated SEV-SNP platform with a VCEK from the installation's simulated
/// AMD root (kept in the data directory, mode 0600; never given to a node). Nodes are isolated
/// objects that talk only over the bus. Kill and start serve the dev faults API; a start may put a
/// node on another provider, give it an attestation flaw or another measurement
/// (<see cref="SimulatedLaunch"/>, the same translation `cctsa-signer` uses).
/// </summary>
public sealed class EmbeddedFleet : INodeLifecycle, IAsyncDisposable
{
    public const string RootFileName = "simulated-amd-root.pem";
    private static readonly string[] Providers = ["azure", "azure", "gcp", "gcp", "third"];

    private readonly SimulatedAmdRoot _root;
    private readonly bool _faults;
    private readonly EmbeddedOptions _options;
    private ILoggerFactory _logs = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
    private readonly ConcurrentDictionary<NodeId, SignerNode> _nodes = new();
    // each running node's platform (its VCEK key), disposed when the node goes
    private readonly ConcurrentDictionary<NodeId, SimulatedLaunch> _launches = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IBus? _bus;
    private CcTsa.Signer.Coordinator.TsaCaPin? _tsaCa;

    private EmbeddedFleet(SimulatedAmdRoot root, bool faults, EmbeddedOptions options)
    {
        _root = root;
        _faults = faults;
        _options = options;
    }

    /// <summary>Loads the installation's simulated AMD root from the data directory, or creates it once.</summary>
    public static async Task<EmbeddedFleet> CreateAsync(string dataDirectory, bool faults, CancellationToken ct, EmbeddedOptions? embedded = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, RootFileName);
        SimulatedAmdRoot root;
        if (File.Exists(path))
        {
            root = SimulatedAmdRoot.FromPemBundle(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false));
        }
        else
        {
            // RSA-3072 keeps the first start within seconds; the chain is simulated either way
            root = await Task.Run(() => SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow, rsaBits: 3072), ct).ConfigureAwait(false);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using var file = new FileStream(path, options);
            await using var writer = new StreamWriter(file);
            await writer.WriteAsync(root.ToPemBundle().AsMemory(), ct).ConfigureAwait(false);
        }
        return new EmbeddedFleet(root, faults, embedded ?? EmbeddedOptions.Default);
    }

    /// <summary>
    /// How the control plane judges the embedded nodes: simulated root accepted at its TCB. No fixed
    /// measurement allow-list: the fleet pin (<see cref="FleetMeasurementPin"/>) keeps every epoch on
    /// one measurement and lets a whole-fleet software update rotate it.
    /// The control plane's side is built from the root's certificates only (<see cref="SimulatedAmdRootCertificate"/>):
    /// the signing-capable root stays in this fleet object, which the control plane sees only as <see cref="INodeLifecycle"/>.
    /// </summary>
    public AttestationSettings Attestation => new(
        new SnpReportVerifier(_root.Certificate.TrustAnchors),
        new AttestationPolicy { AllowSimulatedRoot = true, MinimumTcb = SimulatedAmdRoot.SimulatedTcb });

    public IReadOnlyCollection<NodeId> Running => [.. _nodes.Keys.OrderBy(n => n.Index)];

    /// <summary>The running nodes' presignature counts added up (a killed node's are gone with it).</summary>
    public CcTsa.Signer.Coordinator.PresignatureCounts Presignatures => _nodes.Values.Select(n => n.Presignatures)
        .Aggregate(default(CcTsa.Signer.Coordinator.PresignatureCounts), (a, b) => new(a.Made + b.Made, a.Taken + b.Taken, a.Discarded + b.Discarded, a.InStock + b.InStock));

    /// <summary>Starts n1..n5 on the running bus; every node (also later restarts) pins <paramref name="tsaCa"/> (null: trust on first install).</summary>
    public async Task StartAllAsync(IBus bus, ILoggerFactory logs, CancellationToken ct, CcTsa.Signer.Coordinator.TsaCaPin? tsaCa = null)
    {
        _tsaCa = tsaCa;
        _bus = bus ?? throw new ArgumentNullException(nameof(bus));
        _logs = logs ?? throw new ArgumentNullException(nameof(logs));
        for (var i = 1; i <= Providers.Length; i++)
            await StartAsync(NodeId.FromIndex(i), NodeLaunchSpec.Default, ct).ConfigureAwait(false);
    }

    public async Task<Result<bool, string>> StartAsync(NodeId node, NodeLaunchSpec launch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var bus = _bus ?? throw new InvalidOperationException("The embedded cluster is not attached to a bus yet.");
        if (!LaunchFlawNames.TryParse(launch.Flaw, out var flaw, out var flawError))
            return Result<bool, string>.Fail("flaw: " + flawError);
        if (launch.Provider is { } p && (string.IsNullOrWhiteSpace(p) || p.Length > 64))
            return Result<bool, string>.Fail("provider: must be a non-empty label of at most 64 characters");
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_nodes.ContainsKey(node)) return false;
            var simulated = SimulatedLaunch.Create(_root, node, flaw, launch.Measurement);
            var nts = _options.Nts.Count > 0;
            var signer = new SignerNode(WithTime(new SignerNodeOptions
            {
                Id = node,
                Provider = launch.Provider ?? Providers[(node.Index - 1) % Providers.Length],
                // the simulated NTS servers unless `up --nts` named real ones: never a network call the operator did not configure
                SimulatedTime = !nts,
                Nts = _options.Nts,
                NtsTrust = _options.NtsTrust,
                Platform = simulated.Platform,
                TrustAnchors = _root.TrustAnchors,
                Measurement = simulated.ExpectedMeasurement,
                MinimumTcb = SimulatedAmdRoot.SimulatedTcb,
                AllowSimulatedRoot = true,
                TsaCa = _tsaCa,
                FaultMode = _faults,
                LoggerFactory = _logs,
                // heartbeats every two seconds so the control plane notices a lost node within a few seconds
                AnnounceInterval = TimeSpan.FromSeconds(2),
            }).WithEnvironmentTimings());
            _nodes[node] = signer;
            _launches[node] = simulated;
            await signer.ConnectAsync(bus, ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private SignerNodeOptions WithTime(SignerNodeOptions o) =>
        _options.NtsPollInterval is { } poll ? o with { NtsPollInterval = poll } : o;

    public async Task<bool> KillAsync(NodeId node, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_nodes.TryRemove(node, out var signer)) return false;
            await signer.DisposeAsync().ConfigureAwait(false);
            if (_launches.TryRemove(node, out var launch)) launch.Dispose();
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _nodes.Keys.ToList())
            if (_nodes.TryRemove(id, out var signer)) await signer.DisposeAsync().ConfigureAwait(false);
        foreach (var launch in _launches.Values) launch.Dispose();
        _launches.Clear();
        _root.Dispose();
        _gate.Dispose();
    }
}
