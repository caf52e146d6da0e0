using CcTsa.Crypto.Attestation;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Messages;
using CcTsa.Signer.Channel;
using CcTsa.Signer.Platform;
using CcTsa.Signer.Clock;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Faults;
using CcTsa.Signer.Messaging;
using CcTsa.Signer.Vault;
using Microsoft.Extensions.Logging;

namespace CcTsa.Signer;

/// <summary>
/// The state one node's participants share: identity, vault, attested peers, channel key, clock,
/// faults and the coordinator's books. One per node, never shared between nodes (five nodes in one
/// process are as isolated as five processes, apart from the bus).
/// </summary>
internal sealed class NodeContext : IDisposable
{
    public NodeContext(SignerNodeOptions options, TrustedClock clock)
    {
        Options = options;
        Id = options.Id;
        Clock = clock;
        Faults = new FaultState(options.FaultMode);
        Logger = options.LoggerFactory.CreateLogger("CcTsa.Signer." + options.Id.Value);
        // Generated here, inside the enclave, at start; its public half goes into every report.
        SigningKey = NodeSigningKey.Generate();
        Authenticator = new MessageAuthenticator(Id, SigningKey, Peers, new DroppedMessages(Logger, Id, options.Time));
        Authentication = options.AuthenticationForBench?.Invoke(Authenticator) ?? Authenticator;
        Messenger = new NodeMessenger(Faults, options.QueuePrefix, Authentication);
        // First subscriber: the clock follows the fault state before anyone else learns of the fault.
        Faults.Applied += _ =>
        {
            if (Faults.Skew == TimeSpan.Zero) Clock.ClearFaultSkew();
            else Clock.ApplyFaultSkew(Faults.Skew);
        };
        var ceiling = options.PeerDeadlineCeiling < options.RoundTimeout ? options.PeerDeadlineCeiling : options.RoundTimeout;
        if (options.PeerDeadlineFloor > ceiling) ceiling = options.PeerDeadlineFloor < options.RoundTimeout ? options.PeerDeadlineFloor : options.RoundTimeout;
        PeerDeadline = new CcTsa.Hosting.AdaptiveDeadline(options.PeerDeadlineFloor < ceiling ? options.PeerDeadlineFloor : ceiling, ceiling, options.PeerDeadlineMultiplier);
        ChannelKey = ChannelKeyPair.Generate();
        Measurement = options.Measurement ?? SignerMeasurement.ForCurrentBuild();
        Certificates = new InstalledCertificates(options.TokenAccuracy, options.TsaCa,
            GroupKeyOf, clock.Now);
    }

    /// <summary>An epoch's group key of a scheme as certificates carry it (Ed25519 raw, P-384 SEC1 uncompressed, ML-DSA-65 pkEncode); null when not held.</summary>
    private byte[]? GroupKeyOf(int epoch, string scheme) => scheme switch
    {
        Schemes.FrostEd25519Scheme.SchemeName => Vault.PublicKeys(epoch)?.VerifyingKey.Encoding.ToArray(),
        Schemes.MlDsa65Scheme.SchemeName => Vault.Use(epoch, s => s.MlDsa?.PublicKey.Encoding.ToArray(), out var pq) ? pq : null,
        _ => Vault.Use(epoch, s => s.Ecdsa?.Key.PublicKey.EncodeUncompressed(), out var key) ? key : null,
    };

    /// <summary>The launch measurement this node requires of its peers (its own).</summary>
    public Measurement Measurement { get; }

    public NodeId Id { get; }

    public SignerNodeOptions Options { get; }

    public ILogger Logger { get; }

    public TrustedClock Clock { get; }

    public FaultState Faults { get; }

    public NodeMessenger Messenger { get; }

    public ShareVault Vault { get; } = new();

    /// <summary>Ceremony ids this node saw completed, failed or aborted: never run again (shared by every protocol).</summary>
    public Participants.EndedCeremonies Ended { get; } = new();

    public AttestedPeers Peers { get; } = new();

    /// <summary>This node's X25519 channel key pair; its public half is bound in every attestation report.</summary>
    public ChannelKeyPair ChannelKey { get; }

    /// <summary>This node's Ed25519 message key: signs every protocol message it sends; bound in its reports.</summary>
    public NodeSigningKey SigningKey { get; }

    /// <summary>Signs this node's messages and checks its peers' (see <see cref="MessageAuthenticator"/>).</summary>
    public MessageAuthenticator Authenticator { get; }

    /// <summary>Signing requests this node refused, by reason (reported in the heartbeat).</summary>
    public Participants.SigningRefusals Refusals { get; } = new();

    /// <summary>What the messenger and the receive filter use: <see cref="Authenticator"/>, except in the bench's A/B run.</summary>
    public IMessageAuthentication Authentication { get; }

    public InstalledCertificates Certificates { get; }

    public CommitmentStock Stock { get; } = new();

    /// <summary>The threshold-ECDSA presignatures ready per signer subset, as this node coordinates.</summary>
    public PresignatureStock Presignatures { get; } = new();

    public PendingRounds Pending { get; } = new();

    /// <summary>How long this coordinator waits for a peer's answer when it could re-plan without it (adaptive, see <see cref="SignerNodeOptions.PeerDeadlineFloor"/>).</summary>
    public CcTsa.Hosting.AdaptiveDeadline PeerDeadline { get; }

    private readonly CancellationTokenSource _lifetime = new();

    /// <summary>Set once the node was killed: it ignores every message from then on.</summary>
    public bool Killed { get; set; }

    /// <summary>Cancelled when the node stops: background loops and watchdogs end with it.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    public void EndLifetime()
    {
        if (!_lifetime.IsCancellationRequested) _lifetime.Cancel();
    }

    /// <summary>Trusted-clock reading (includes an injected skew in fault mode).</summary>
    public DateTimeOffset Now() => Clock.Now();

    /// <summary>False while TriHaRd excludes this node's clock: it neither coordinates nor signs.</summary>
    public bool ClockHealthy => Clock.IsHealthy;

    /// <summary>
    /// True when nothing from <paramref name="peer"/> was accepted for two beats (clock probes, every
    /// second by default, else announcements): presumed gone, so a coordinator that has not yet timed
    /// out on it itself does not pick it and wait a timeout out (before, every coordinator paid its own
    /// after a node died, and a request hedged from one to the next paid twice). A preference only: a
    /// loaded host may read its queue late, so a quiet peer is still used when nobody else is left.
    /// </summary>
    public bool Quiet(PeerState peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var beat = Options.ProbeInterval > TimeSpan.Zero ? Options.ProbeInterval : Options.AnnounceInterval;
        return peer.Quiet(Options.Time.GetUtcNow(), beat);
    }

    /// <summary>
    /// True when a protocol message from <paramref name="peer"/> may be processed: the node is
    /// alive, the peer is not cut off by a partition fault and its fresh report was verified.
    /// </summary>
    public bool Accepts(NodeId peer, string message)
    {
        if (Killed) return false;
        if (!Faults.Drops(peer) && Peers.IsAttested(peer))
        {
            Peers.Heard(peer, Options.Time.GetUtcNow());
            return true;
        }
        SignerLog.Ignored(Logger, Id, message, peer);
        return false;
    }

    /// <summary>
    /// Runs work off the message path (heartbeats, refills, watchdogs). This is the boundary for
    /// such work: a failure is logged with the step's name (never payload bytes) instead of being
    /// lost as an unobserved task; ending the node's lifetime is not a failure.
    /// </summary>
    public void RunInBackground(string step, Func<Task> work)
    {
        _ = Task.Run(async () =>
        {
            try { await work().ConfigureAwait(false); }
            catch (OperationCanceledException) when (Lifetime.IsCancellationRequested) { }
#pragma warning disable CA1031 // the background boundary: log and carry on, the protocol retries
            catch (Exception e) { SignerLog.StepCrashed(Logger, e, Id, step); }
#pragma warning restore CA1031
        });
    }

    /// <summary>
    /// Handles a control-plane command and answers it (<see cref="NodeMessenger.ReplyAsync"/>). A
    /// killed node stops mid-work at once — it must not hold up its own shutdown — and, being dead,
    /// never answers.
    /// </summary>
    public async Task AnswerWhileAliveAsync<T>(MassTransit.ConsumeContext<T> context, Func<T, CancellationToken, Task<object>> handle)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handle);
        if (Killed) return;
        using var alive = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, Lifetime);
        object outcome;
        try { outcome = await handle(context.Message, alive.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (Lifetime.IsCancellationRequested) { return; }
        await Messenger.ReplyAsync(context, outcome).ConfigureAwait(false);
    }

    public void Dispose()
    {
        EndLifetime(); // the source itself stays undisposed: late background work may still read the token
        Vault.Dispose();
        ChannelKey.Dispose();
        SigningKey.Dispose();
    }
}
