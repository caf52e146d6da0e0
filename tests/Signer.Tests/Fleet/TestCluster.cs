using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Clock;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// Five signer nodes on one bus (MassTransit in-memory, or real RabbitMQ with queue and exchange
/// names unique to this run) plus a minimal "control plane" endpoint that records what the nodes
/// publish. Nodes run in fault mode so tests can skew, partition and kill them.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const int Threshold = 3;
    private static readonly TimeSpan ReannounceInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AttestationPoll = TimeSpan.FromMilliseconds(50);
    private readonly Dictionary<NodeId, SignerNode> _nodes = [];
    private readonly string _prefix;
    private readonly string? _amqp;
    private readonly ILoggerFactory _logs;
    private readonly Func<NodeId, SignerNodeOptions, SignerNodeOptions> _customize;

    private TestCluster(IBusControl bus, string prefix, string? amqp, ILoggerFactory logs, Func<NodeId, SignerNodeOptions, SignerNodeOptions> customize)
    {
        Bus = bus;
        _prefix = prefix;
        _amqp = amqp;
        _logs = logs;
        _customize = customize;
    }

    public IBusControl Bus { get; }

    /// <summary>The dev CA of this cluster; every node pins its certificate at start.</summary>
    public CcTsa.Crypto.Pki.DevCertificateAuthority Ca { get; } = TestCertificates.NewCa();

    public MessageLog<CeremonyFinished> Ceremonies { get; } = new();

    public MessageLog<TimestampBatchSigned> Signed { get; } = new();

    public MessageLog<SigningFailed> Failed { get; } = new();

    public MessageLog<RawMessageSigned> RawSigned { get; } = new();

    public static IReadOnlyList<NodeId> All { get; } = [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)];

    public SignerNode this[NodeId id] => _nodes[id];

    public SignerNode this[string id] => _nodes[NodeId.Parse(id)];

    public IReadOnlyCollection<SignerNode> Nodes => _nodes.Values;

    /// <summary>Starts the bus and five mutually attested nodes.</summary>
    public static async Task<TestCluster> StartAsync(string? amqp = null, ILoggerFactory? logs = null,
        Action<IBusControl>? observe = null, Func<NodeId, SignerNodeOptions, SignerNodeOptions>? customize = null)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8] + "-";
        TestCluster? cluster = null;
        void ControlPlane(IReceiveEndpointConfigurator e)
        {
            e.Handler<CeremonyFinished>(ctx => { cluster!.Ceremonies.Add(ctx.Message); return Task.CompletedTask; });
            e.Handler<TimestampBatchSigned>(ctx => { cluster!.Signed.Add(ctx.Message); return Task.CompletedTask; });
            e.Handler<SigningFailed>(ctx => { cluster!.Failed.Add(ctx.Message); return Task.CompletedTask; });
            e.Handler<RawMessageSigned>(ctx => { cluster!.RawSigned.Add(ctx.Message); return Task.CompletedTask; });
        }
        IBusControl bus = amqp is null
            ? MassTransit.Bus.Factory.CreateUsingInMemory(cfg =>
            {
                cfg.ReceiveEndpoint(prefix + "control-plane", ControlPlane);
            })
            : MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
            {
                cfg.Host(new Uri(amqp));
                cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, prefix));
                cfg.ReceiveEndpoint(prefix + "control-plane", e =>
                {
                    e.AutoDelete = true;
                    e.Durable = false;
                    ControlPlane(e);
                });
            });
        logs ??= Environment.GetEnvironmentVariable("CCTSA_TEST_CONSOLE_LOG") is "1"
            ? LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
            : NullLoggerFactory.Instance;
        if (Environment.GetEnvironmentVariable("CCTSA_TEST_CONSOLE_LOG") is "1") LogContext.ConfigureCurrentLogContext(logs);
        cluster = new TestCluster(bus, prefix, amqp, logs, customize ?? ((_, o) => o));
        observe?.Invoke(bus);
        await bus.StartAsync();
        foreach (var id in All) await cluster.StartNodeAsync(id);
        await cluster.WaitMutuallyAttestedAsync(All);
        return cluster;
    }

    public SignerNodeOptions OptionsFor(NodeId id) => _customize(id, new SignerNodeOptions
    {
        Id = id,
        Provider = id.Index <= 2 ? "azure" : id.Index <= 4 ? "gcp" : "aws",
        SimulatedTime = true, // in-process fleet: the simulated NTS servers, never a real network
        Platform = FleetRoot.PlatformFor(id),
        TrustAnchors = FleetRoot.TrustAnchors,
        AllowSimulatedRoot = true,
        FaultMode = true,
        QueuePrefix = _prefix,
        LoggerFactory = _logs,
        RoundTimeout = TimeSpan.FromSeconds(3),
        PresignReserve = 0, // tests that count presignatures fill stocks themselves; PresignatureWarmStockTests turns it on
        CeremonyTimeout = TimeSpan.FromSeconds(20),
        ProbeInterval = TimeSpan.Zero, // tests drive probe rounds themselves
        AnnounceInterval = TimeSpan.Zero,
        ClockRule = new TriHaRdRule { Tolerance = TimeSpan.FromMilliseconds(50) },
        TsaCa = CcTsa.Signer.Coordinator.TsaCaPin.FromDer(Ca.CertificateDer),
    });

    public async Task<SignerNode> StartNodeAsync(NodeId id, Func<SignerNodeOptions, SignerNodeOptions>? adjust = null)
    {
        var options = OptionsFor(id);
        var node = new SignerNode(adjust is null ? options : adjust(options));
        _nodes[id] = node;
        await node.ConnectAsync(Bus);
        return node;
    }

    /// <summary>Stops a node as if its process died: its shares are wiped, it answers nothing.</summary>
    public async Task KillAsync(NodeId id)
    {
        var node = _nodes[id];
        _nodes.Remove(id);
        await node.DisposeAsync();
    }

    /// <summary>
    /// Completes when every node in <paramref name="ids"/> has attested every other one. Test nodes
    /// send no periodic heartbeat (AnnounceInterval zero), so a node not yet attested by a peer
    /// announces again every two seconds, as its heartbeat would: a challenge answered after its
    /// nonce expired (a restarted node slow to start on a loaded host) is then simply asked again.
    /// Between announcements it looks every 50 ms: mutual attestation usually completes well within
    /// the two seconds, and a fixed two-second sleep per cluster start added minutes to the suite.
    /// </summary>
    public async Task WaitMutuallyAttestedAsync(IReadOnlyList<NodeId> ids)
    {
        using var cts = new CancellationTokenSource(MessageLog<object>.Patience);
        while (true)
        {
            var unattested = Unattested(ids);
            if (unattested.Count == 0) return;
            foreach (var b in unattested) await _nodes[b].AnnounceAsync(cts.Token);
            var reannounce = DateTimeOffset.UtcNow + ReannounceInterval;
            while (DateTimeOffset.UtcNow < reannounce && Unattested(ids).Count > 0)
                await Task.Delay(AttestationPoll, cts.Token);
        }
    }

    private List<NodeId> Unattested(IReadOnlyList<NodeId> ids) =>
        [.. ids.Where(b => ids.Any(a => a != b && !_nodes[a].Context.Peers.IsAttested(b)))];

    /// <summary>Publishes BeginCeremony and waits for the outcome of every node that takes part.</summary>
    public async Task<IReadOnlyList<CeremonyFinished>> RunCeremonyAsync(CeremonyKind kind, int epoch, IReadOnlyList<NodeId> participants, NodeId? recipient = null)
    {
        var id = CeremonyId.New();
        await Bus.Publish(new BeginCeremony(id, kind, new KeyEpoch(epoch), Threshold, participants, recipient));
        var expected = participants.Count + (recipient is null ? 0 : 1);
        return await Ceremonies.WaitAsync(f => f.Ceremony == id, expected);
    }

    /// <summary>Runs a ceremony (<see cref="RunCeremonyAsync"/>) that must finish well on every node taking part.</summary>
    public async Task<IReadOnlyList<CeremonyFinished>> RunCeremonyOkAsync(CeremonyKind kind, int epoch, IReadOnlyList<NodeId> participants)
    {
        var finished = await RunCeremonyAsync(kind, epoch, participants);
        Assert.All(finished, f => Assert.True(f.Ok, $"{f.Node}: {f.Error}"));
        return finished;
    }

    /// <summary>Runs a DKG over all live nodes and installs a TSA certificate for the new group key.</summary>
    public async Task<byte[]> DkgAndCertifyAsync(int epoch)
    {
        var finished = await RunCeremonyOkAsync(CeremonyKind.Dkg, epoch, [.. _nodes.Keys.OrderBy(n => n.Index)]);
        var groupKey = finished[0].GroupPublicKey!;
        Assert.All(finished, f => Assert.Equal(groupKey, f.GroupPublicKey));
        Certificate = TestCertificates.Issue(this, epoch, groupKey);
        await InstallCertificateAsync(epoch);
        return groupKey;
    }

    public TestCertificate? Certificate { get; private set; }

    public async Task InstallCertificateAsync(int epoch)
    {
        await Bus.Publish(new InstallCertificate(new KeyEpoch(epoch), Certificate!.Der, [Certificate.CaDer], TestCertificates.Policy, TestCertificates.AccuracyMicros));
        using var cts = new CancellationTokenSource(MessageLog<object>.Patience);
        foreach (var node in _nodes.Values) await node.Context.Certificates.WaitAsync(epoch, cts.Token);
    }

    /// <summary>The outcome as a signed batch, or a failure that names the coordinator's reason (not just the type).</summary>
    public static TimestampBatchSigned SignedOrFail(object outcome) => outcome switch
    {
        TimestampBatchSigned signed => signed,
        SigningFailed failed => throw new Xunit.Sdk.XunitException($"batch not signed by {failed.Coordinator}: {failed.Detail}"),
        _ => throw new Xunit.Sdk.XunitException($"unexpected answer {outcome}"),
    };

    /// <summary>Sends a batch to <paramref name="coordinator"/> and waits for its answer (signed or failed).</summary>
    public async Task<object> SignAsync(NodeId coordinator, int epoch, IReadOnlyList<TimestampToSign> items, IReadOnlyList<NodeId>? avoid = null,
        string? policy = null)
    {
        var batch = new SignTimestampBatch(RoundId.New(), new KeyEpoch(epoch), items, avoid, policy);
        var endpoint = await Bus.GetSendEndpoint(new Uri("queue:" + _nodes[coordinator].QueueName));
        await endpoint.Send(batch);
        var signed = Signed.WaitAsync(s => s.Batch == batch.Batch);
        var failed = Failed.WaitAsync(f => f.Round == batch.Batch);
        var first = await Task.WhenAny(signed, failed);
        return first == signed ? (await signed)[0] : (await failed)[0];
    }

    /// <summary>Sends a raw message (e.g. a CSR's CertificationRequestInfo) to <paramref name="coordinator"/> and waits for its answer (signed or failed).</summary>
    public async Task<object> SignRawAsync(NodeId coordinator, int epoch, string purpose, byte[] message, IReadOnlyList<NodeId>? avoid = null,
        string scheme = "frost-ed25519")
    {
        var request = new SignRawMessage(RoundId.New(), new KeyEpoch(epoch), purpose, message, avoid, scheme);
        var endpoint = await Bus.GetSendEndpoint(new Uri("queue:" + _nodes[coordinator].QueueName));
        await endpoint.Send(request);
        var signed = RawSigned.WaitAsync(s => s.Round == request.Round);
        var failed = Failed.WaitAsync(f => f.Round == request.Round);
        var first = await Task.WhenAny(signed, failed);
        return first == signed ? (await signed)[0] : (await failed)[0];
    }

    /// <summary>Sends a fault over the bus (as `cctsa fault` does) and waits until the node applied it.</summary>
    public async Task InjectAsync(InjectFault fault)
    {
        var node = _nodes[fault.Node];
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnApplied(InjectFault f)
        {
            if (f.Kind == fault.Kind) applied.TrySetResult();
        }
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Context.Faults.Applied += OnApplied;
        node.Killed += () => killed.TrySetResult();
        try
        {
            var endpoint = await Bus.GetSendEndpoint(new Uri("queue:" + node.QueueName));
            await endpoint.Send(fault);
            await applied.Task.WaitAsync(MessageLog<object>.Patience);
            if (fault.Kind == FaultKind.Kill)
            {
                await killed.Task.WaitAsync(MessageLog<object>.Patience);
                _nodes.Remove(fault.Node);
                await node.DisposeAsync();
            }
        }
        finally { node.Context.Faults.Applied -= OnApplied; }
    }

    /// <summary>Runs one TriHaRd probe round on every live node (concurrently, as their timers would).</summary>
    public Task<ClockVerdict[]> ProbeRoundAsync() => Task.WhenAll(_nodes.Values.Select(n => n.RunProbeRoundAsync()));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values) await node.DisposeAsync();
        _nodes.Clear();
        Ca.Dispose();
        await Bus.StopAsync();
        if (_amqp is not null) await DeleteRunQueuesAsync(_amqp);
    }

    /// <summary>RabbitMQ: removes this run's node queues and their exchanges (durable, so they would stay).</summary>
    private async Task DeleteRunQueuesAsync(string amqp)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(amqp) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var id in All)
        {
            var name = CcTsa.Signer.Messaging.NodeMessenger.QueueName(id, _prefix);
            await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
            await channel.ExchangeDeleteAsync(name, ifUnused: false);
        }
    }
}
