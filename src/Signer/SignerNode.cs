using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Signer.Clock;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Messaging;
using CcTsa.Signer.Participants;
using MassTransit;

namespace CcTsa.Signer;

/// <summary>
/// One "enclave" node of the fleet. Stateless across restarts: it starts with an empty vault and
/// a fresh channel key, and holds a share only after peers attested it and a ceremony delivered
/// one. Hosts attach it to a bus in one of two ways: <see cref="ConnectAsync"/> (connects its own
/// receive endpoint <c>signer-{id}</c> to a running bus, then starts it), or
/// <see cref="ConfigureEndpoint"/> while configuring the bus followed by <see cref="StartAsync"/>.
/// </summary>
public sealed class SignerNode : IAsyncDisposable
{
    private readonly NodeContext _node;
    private readonly AttestationParticipant _attestation;
    private readonly DkgParticipant _dkg;
    private readonly RepairParticipant _repair;
    private readonly EcdsaSetupParticipant _ecdsaSetup;
    private readonly CeremonyAbortParticipant _aborts;
    private readonly NonceParticipant _nonces;
    private readonly SigningParticipant _signing;
    private readonly PresignParticipant _presign;
    private readonly PresignRunner _presignRunner;
    private readonly PresignatureWarmer _presignWarmer;
    private readonly ClockProbeParticipant _clock;
    private readonly FaultParticipant _faults;
    private readonly FleetParticipant _fleet;
    private readonly SigningCoordinator _coordinator;
    private readonly MlDsaParticipant _mlDsa;
    private readonly MlDsaRoundRunner _mlDsaRunner;
    private readonly CoordinatorInbox _inbox;
    private readonly NonceSupply _supply;
    private readonly NonceQuotas _quotas;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<NodeId, byte[]> _channelKeys = new();   // last attested key per peer: a new one means it restarted
    private HostReceiveEndpointHandle? _endpoint;
    private Task _loops = Task.CompletedTask;
    private int _stopped;

    public SignerNode(SignerNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tsc = new SecureTscClock(options.Time);
        var clock = options.Clock ?? new TrustedClock(options.Id, tsc, options.ClockRule, NtsChecks.For(options, tsc), options.FaultMode, options.NtsTolerance);
        _node = new NodeContext(options, clock);
        var mail = new Channel.SecretMail(_node);
        _supply = new NonceSupply(_node);
        _attestation = new AttestationParticipant(_node);
        _dkg = new DkgParticipant(_node, mail, _attestation);
        _repair = new RepairParticipant(_node, mail, _attestation);
        _aborts = new CeremonyAbortParticipant([_dkg.Runs, _repair.Runs]);
        _ecdsaSetup = new EcdsaSetupParticipant(_node, AnnounceAsync);
        _quotas = new NonceQuotas(_node);
        var quotas = _quotas;
        _nonces = new NonceParticipant(_node, quotas);
        var scheme = new Schemes.FrostEd25519Scheme(_node, _supply);
        var presignSteps = new PresignSteps(_node, _ecdsaSetup);
        _presign = new PresignParticipant(_node, presignSteps);
        _presignRunner = new PresignRunner(_node, presignSteps, _node.Presignatures);
        _presignWarmer = new PresignatureWarmer(_node, _node.Presignatures, _presignRunner);
        var ecdsa = new Schemes.EcdsaP384Scheme(_node, _node.Presignatures, _presignRunner) { Batch = options.PresignBatch };
        var mlDsaSteps = new MlDsaSteps(_node);
        _mlDsa = new MlDsaParticipant(_node, mlDsaSteps);
        _mlDsaRunner = new MlDsaRoundRunner(_node, mlDsaSteps);
        Schemes.IThresholdScheme[] schemes = [scheme, ecdsa, new Schemes.MlDsa65Scheme(_node, _mlDsaRunner, mlDsaSteps)];
        var timestamps = new Purposes.Rfc3161Purpose(_node);
        var purposes = new Purposes.SigningPurposes([timestamps, new Purposes.CsrPurpose()]);
        _signing = new SigningParticipant(_node, schemes, purposes, quotas);
        _clock = new ClockProbeParticipant(_node, AnnounceAsync);
        _faults = new FaultParticipant(_node, KillAsync);
        _fleet = new FleetParticipant(_node, _supply, AnnounceAsync);
        _coordinator = new SigningCoordinator(_node, schemes.ToDictionary(s => s.Name, s => new SigningPipeline(_node, s), StringComparer.Ordinal), purposes, timestamps);
        _inbox = new CoordinatorInbox(_node, _supply);
        _node.Vault.Changed += OnVaultChanged;
        _node.Vault.Changed += _ecdsaSetup.OnVaultChanged;
        _node.Peers.PeerAttested += _ecdsaSetup.OnPeerAttested;
        _node.Peers.PeerAttested += peer => _node.RunInBackground("prime commitments", () => OnPeerAttestedAsync(peer));
    }

    public NodeId Id => _node.Id;

    /// <summary>This node's point-to-point queue.</summary>
    public string QueueName => NodeMessenger.QueueName(_node.Id, _node.Options.QueuePrefix);

    /// <summary>Raised once when a kill fault stopped the node (the process host should exit).</summary>
    public event Action? Killed;

    /// <summary>The node's state for tests in this assembly's test project (no share bytes reachable from here).</summary>
    internal NodeContext Context => _node;

    /// <summary>The participant's decision path (tests drive it with rounds a malicious coordinator crafted).</summary>
    internal SigningParticipant Signing => _signing;

    /// <summary>The coordinator's presigning runs (tests and the bench fill a subset's stock directly).</summary>
    internal PresignRunner Presigner => _presignRunner;

    /// <summary>The heartbeat's pairwise-setup reconcile, on demand (tests run without a heartbeat loop).</summary>
    internal Task ReconcilePairsAsync() => _ecdsaSetup.ReconcileAsync(_node.Lifetime);

    /// <summary>The DKG/refresh participant (adversary tests read a compromised node's own run through it).</summary>
    internal DkgParticipant Dkg => _dkg;

    /// <summary>Protocol messages this node dropped as unauthenticated (forged, unsigned, replayed).</summary>
    public DroppedMessages DroppedMessages => _node.Authenticator.Dropped;

    /// <summary>What became of the threshold-ECDSA presignatures this node made as coordinator (benchmarks count waste with it).</summary>
    public CcTsa.Signer.Coordinator.PresignatureCounts Presignatures => _node.Presignatures.Counts;

    /// <summary>Signing requests this node refused, by reason.</summary>
    public CcTsa.Signer.Participants.SigningRefusals SigningRefusals => _node.Refusals;

    /// <summary>DKG/refresh and repair runs still open on this node (tests: an aborted ceremony leaves none).</summary>
    internal int OpenCeremonyRuns => _aborts.OpenRuns;

    /// <summary>Binds every protocol participant of this node to <paramref name="endpoint"/>.</summary>
    public void ConfigureEndpoint(IReceiveEndpointConfigurator endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        // Ceremony steps wait for attestation answers on the same queue: never process one at a time.
        endpoint.ConcurrentMessageLimit = 32;
        // Before any participant: a peer's message reaches them only when its signature proves the sender.
        endpoint.UseFilter(new MessageAuthenticationFilter(_node.Authentication));
        endpoint.Instance(_attestation);
        endpoint.Instance(_dkg);
        endpoint.Instance(_repair);
        endpoint.Instance(_ecdsaSetup);
        endpoint.Instance(_aborts);
        endpoint.Instance(_nonces);
        endpoint.Instance(_signing);
        endpoint.Instance(_presign);
        endpoint.Instance(_presignRunner);
        endpoint.Instance(_mlDsa);
        endpoint.Instance(_mlDsaRunner);
        endpoint.Instance(_clock);
        endpoint.Instance(_faults);
        endpoint.Instance(_fleet);
        endpoint.Instance(_coordinator);
        endpoint.Instance(_inbox);
    }

    /// <summary>Connects this node's receive endpoint to a running bus and starts the node.</summary>
    public async Task ConnectAsync(IBus bus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _endpoint = bus.ConnectReceiveEndpoint(QueueName, ConfigureEndpoint);
        await _endpoint.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        await StartAsync(bus, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts talking: announces itself (peers then attest it) and runs the heartbeat and probe loops.</summary>
    public async Task StartAsync(IBus bus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _node.Messenger.Attach(bus);
        SignerLog.Started(_node.Logger, _node.Id, _node.Options.Provider, _node.Options.FaultMode);
        await AnnounceAsync(cancellationToken).ConfigureAwait(false);
        _loops = Task.WhenAll(
            LoopAsync(_node.Options.AnnounceInterval, async ct =>
            {
                await AnnounceAsync(ct).ConfigureAwait(false);
                await _ecdsaSetup.ReconcileAsync(ct).ConfigureAwait(false);
            }),
            LoopAsync(_node.Options.ProbeInterval, ct => RunProbeRoundAsync(ct)),
            LoopAsync(_node.Options.PresignWarmInterval, _presignWarmer.TickAsync));
    }

    /// <summary>Publishes this node's public facts (heartbeat); peers that don't know it attest it.</summary>
    public Task AnnounceAsync(CancellationToken cancellationToken = default) =>
        _node.Killed ? Task.CompletedTask : _node.Messenger.PublishAsync(Heartbeat(), cancellationToken);

    /// <summary>The heartbeat this node publishes now: public facts, with its last measured clock offset.</summary>
    public NodeAnnounced Heartbeat()
    {
        var measured = _node.Clock.LastMeasurement;
        var epoch = _node.Vault.LatestEpoch;
        return new NodeAnnounced(_node.Id, _node.Options.Provider, _node.ChannelKey.PublicKey.Bytes.ToArray(), epoch,
            _node.ClockHealthy, !_node.ClockHealthy, _node.Peers.AttestedNodes(), _node.Options.Time.GetUtcNow(),
            measured?.Offset.TotalMicroseconds, measured?.Uncertainty.TotalMicroseconds, _node.SigningKey.PublicKey,
            _node.Authenticator.Dropped.ByReason(), _node.Refusals.ByReason(),
            // never null: the bus turns a null list into an empty one, so a null here would not
            // survive the round trip and the body digest (the heartbeat's signature) would break
            (epoch is { } held ? _ecdsaSetup.PairedPeers(held) : null) ?? []);
    }

    /// <summary>One TriHaRd round: probe every attested peer, then judge this node's clock.</summary>
    public Task<Crypto.Clock.ClockVerdict> RunProbeRoundAsync(CancellationToken cancellationToken = default) =>
        _clock.RunRoundAsync(cancellationToken);

    /// <summary>Stops the node: loops end, its endpoint disconnects, every share is wiped.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _node.Killed = true;
        _node.EndLifetime();
        _node.Messenger.Detach();
        try { await _loops.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        if (_endpoint is not null) await _endpoint.StopAsync().ConfigureAwait(false);
        _node.Vault.Clear();
        _node.Peers.Clear();
        SignerLog.Stopped(_node.Logger, _node.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _node.Dispose();
    }

    /// <summary>Kill fault: wipe and go silent at once; stopping the endpoint happens off the consumer's path.</summary>
    private Task KillAsync()
    {
        _node.Killed = true;
        _node.Vault.Clear();
        _node.RunInBackground("kill", async () =>
        {
            await StopAsync().ConfigureAwait(false);
            Killed?.Invoke();
        });
        return Task.CompletedTask;
    }

    /// <summary>A share came or went: tell the fleet, and stock up commitments for the epoch.</summary>
    private void OnVaultChanged(int epoch)
    {
        _node.RunInBackground("announce", () => AnnounceAsync(_node.Lifetime));
        // the epoch's share was stored, replaced or wiped: every presignature made with it is gone
        _node.Presignatures.ForgetEpoch(epoch);
        if (_node.Vault.Holds(epoch)) _node.RunInBackground("prime commitments", () => _supply.PrimeAsync(epoch, _node.Lifetime));
    }

    private async Task OnPeerAttestedAsync(NodeId peer)
    {
        _supply.Reset(peer);
        // as participant: a restarted coordinator (new channel key) has no stock of ours left, so its old quota use is void
        var key = _node.Peers.Snapshot().FirstOrDefault(p => p.Node == peer)?.ChannelKey;
        var previous = _channelKeys.TryGetValue(peer, out var k) ? k : null;
        if (key is not null) _channelKeys[peer] = key;
        if (previous is not null && key is not null && !previous.AsSpan().SequenceEqual(key))
        {
            _quotas.Forget(peer);
            _node.Presignatures.Forget(peer);             // a restarted peer holds none of its presignatures any more
            // and, as participant, ours made for its runs will never be asked for: free their room in the bounded store
            foreach (var ecdsaEpoch in _node.Vault.EcdsaEpochs()) _node.Vault.Use(ecdsaEpoch, s => s.Ecdsa?.Presignatures.Forget(peer) ?? 0, out _);
        }
        if (_node.Vault.LatestEpoch is { } epoch) await _supply.PrimeAsync(epoch, _node.Lifetime).ConfigureAwait(false);
    }

    private async Task LoopAsync(TimeSpan interval, Func<CancellationToken, Task> tick)
    {
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, _node.Options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_node.Lifetime).ConfigureAwait(false))
                await tick(_node.Lifetime).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    public override string ToString() => $"SignerNode({_node.Id})";
}
