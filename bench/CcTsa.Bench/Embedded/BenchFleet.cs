using System.Collections.Concurrent;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Attestation;
using CcTsa.Crypto.Clock;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Pki;
using CcTsa.Signer;
using CcTsa.Signer.Platform;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.Bench.Embedded;

/// <summary>
/// Five signer nodes on the MassTransit in-memory bus with a control-plane endpoint that collects
/// batch outcomes, set up as tests/Signer.Tests' TestCluster does (simulated SEV-SNP, DKG, a dev
/// CA certificate for the group key signed by the threshold key itself).
/// </summary>
internal sealed class BenchFleet : IAsyncDisposable
{
    public const string Policy = "1.3.6.1.4.1.4146.2.3";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<RoundId, TaskCompletionSource<object>> _batches = new();
    private readonly ConcurrentDictionary<CeremonyId, ConcurrentBag<CeremonyFinished>> _ceremonies = new();
    private readonly List<SignerNode> _nodes = [];
    private IBusControl _bus = null!;

    public IReadOnlyList<SignerNode> Nodes => _nodes;

    /// <param name="authentication">The bench seam <c>SignerNodeOptions.AuthenticationForBench</c>; null: production authentication.</param>
    public static async Task<BenchFleet> StartAsync(Func<CcTsa.Signer.Messaging.MessageAuthenticator, CcTsa.Signer.Messaging.IMessageAuthentication>? authentication = null)
    {
        var fleet = new BenchFleet();
        var prefix = "b" + Guid.NewGuid().ToString("N")[..8] + "-";
        fleet._bus = Bus.Factory.CreateUsingInMemory(cfg => cfg.ReceiveEndpoint(prefix + "control-plane", e =>
        {
            e.Handler<CeremonyFinished>(ctx => { fleet._ceremonies.GetOrAdd(ctx.Message.Ceremony, _ => []).Add(ctx.Message); return Task.CompletedTask; });
            e.Handler<TimestampBatchSigned>(ctx => fleet.Done(ctx.Message.Batch, ctx.Message));
            e.Handler<SigningFailed>(ctx => fleet.Done(ctx.Message.Round, ctx.Message));
        }));
        await fleet._bus.StartAsync();
        var root = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow.AddDays(-1), rsaBits: 2048);
        var tcb = new TcbParts(3, 0, 20, 209);
        foreach (var id in Enumerable.Range(1, 5).Select(NodeId.FromIndex))
        {
            var platform = new SimulatedPlatform(root.IssueVcek(root.ChipIdFor(id.Value).AsSpan(), tcb), root.ArkDer, root.AskDer,
                SignerMeasurement.ForCurrentBuild(), null);
            var node = new SignerNode(new SignerNodeOptions
            {
                Id = id,
                Provider = id.Index <= 2 ? "azure" : id.Index <= 4 ? "gcp" : "aws",
                SimulatedTime = true, // in-process fleet: the simulated NTS servers, never a real network
                Platform = platform,
                TrustAnchors = root.TrustAnchors,
                AllowSimulatedRoot = true,
                QueuePrefix = prefix,
                LoggerFactory = NullLoggerFactory.Instance,
                ProbeInterval = TimeSpan.Zero,
                AnnounceInterval = TimeSpan.Zero,
                RoundTimeout = TimeSpan.FromSeconds(30),
                ClockRule = new TriHaRdRule { Tolerance = TimeSpan.FromMilliseconds(50) },
                AuthenticationForBench = authentication,
                // the bench box is shared and often overloaded: a round can queue for seconds
                // between the coordinator's genTime and a participant's check (same for A and B)
                GenTimeNetworkAllowance = TimeSpan.FromSeconds(60),
            });
            fleet._nodes.Add(node);
            await node.ConnectAsync(fleet._bus);
        }
        using var cts = new CancellationTokenSource(Patience);
        foreach (var a in fleet._nodes)
            foreach (var b in fleet._nodes.Where(b => b != a))
                await a.Context.Peers.WaitAttestedAsync(b.Id, cts.Token);
        return fleet;
    }

    /// <summary>DKG over the five nodes, then a dev-CA certificate for the group key, installed everywhere.</summary>
    public async Task<byte[]> DkgAndCertifyAsync(int epoch)
    {
        var finished = await CeremonyAsync(CeremonyKind.Dkg, epoch, [.. _nodes.Select(n => n.Id)]);
        var groupKey = finished[0].GroupPublicKey!;

        var now = DateTimeOffset.UtcNow;
        using var ca = DevCertificateAuthority.Create("CN=CC-TSA Bench Root,O=CC-TSA", now.AddDays(-1), now.AddYears(5));
        var csr = new CsrBuilder($"CN=CC-TSA Bench Ed25519 epoch {epoch},O=CC-TSA", groupKey);
        var signature = ThresholdSign(epoch, csr.ToBeSigned.ToArray());
        var terms = new TsaCertificateTerms(now.AddDays(-1), now.AddYears(2), new KeyEpoch(epoch), [.. SHA384.HashData("cctsa-signer"u8)]);
        var issued = ca.IssueTsaCertificate(csr.Complete(signature), terms);
        if (!issued.IsOk) throw new InvalidOperationException(issued.Error.ToString());
        await _bus.Publish(new InstallCertificate(new KeyEpoch(epoch), issued.Value, [ca.CertificateDer], Policy, 1_000_000));
        using var cts = new CancellationTokenSource(Patience);
        foreach (var node in _nodes) await node.Context.Certificates.WaitAsync(epoch, cts.Token);
        return groupKey;
    }

    /// <summary>Publishes BeginCeremony; the outcomes once every node taking part has reported one (all must be Ok).</summary>
    public async Task<IReadOnlyList<CeremonyFinished>> CeremonyAsync(CeremonyKind kind, int epoch, IReadOnlyList<NodeId> participants, NodeId? recipient = null)
    {
        var id = CeremonyId.New();
        await _bus.Publish(new BeginCeremony(id, kind, new KeyEpoch(epoch), 3, participants, recipient));
        var expected = participants.Count + (recipient is null ? 0 : 1);
        var deadline = DateTime.UtcNow + Patience;
        while (!_ceremonies.TryGetValue(id, out var f) || f.Count < expected)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{kind} ceremony {id} did not finish");
            await Task.Delay(5);
        }
        var finished = _ceremonies[id].ToList();
        if (finished.Any(f => !f.Ok)) throw new InvalidOperationException($"{kind} failed: " + finished.First(f => !f.Ok).Error);
        return finished;
    }

    /// <summary>Sends a batch to <paramref name="coordinator"/>; the signed or failed outcome.</summary>
    public async Task<object> SignAsync(SignerNode coordinator, int epoch, IReadOnlyList<TimestampToSign> items)
    {
        var batch = new SignTimestampBatch(RoundId.New(), new KeyEpoch(epoch), items);
        var done = _batches.GetOrAdd(batch.Batch, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var endpoint = await _bus.GetSendEndpoint(new Uri("queue:" + coordinator.QueueName));
        await endpoint.Send(batch);
        return await done.Task.WaitAsync(Patience);
    }

    private Task Done(RoundId batch, object outcome)
    {
        _batches.GetOrAdd(batch, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(outcome);
        return Task.CompletedTask;
    }

    private byte[] ThresholdSign(int epoch, byte[] message)
    {
        var signers = _nodes.Take(3).ToList();
        var commitments = signers.Select(n => n.Context.Vault.Use(epoch, s => s.Nonces.Publish(1)[0], out var c) ? c : throw new InvalidOperationException("no share")).ToList();
        var package = SigningPackage.Create(commitments, message).Value;
        var shares = signers.Select(n => n.Context.Vault.Use(epoch, s => s.Nonces.Sign(package).Value, out var share) ? share : throw new InvalidOperationException("no share")).ToList();
        return Aggregate.Combine(package, shares, signers[0].Context.Vault.PublicKeys(epoch)!).Value.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await _bus.StopAsync();
    }
}
