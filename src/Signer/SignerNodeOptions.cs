using CcTsa.Contracts.Limits;
using CcTsa.Crypto.Attestation;
using CcTsa.Crypto.Clock;
using CcTsa.Signer.Clock;
using CcTsa.Signer.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.Signer;

/// <summary>
/// Everything a <see cref="SignerNode"/> needs, without DI: the embedded host builds five of these,
/// the `cctsa-signer` program one. Timeouts and batch sizes have production defaults.
/// </summary>
public sealed record SignerNodeOptions
{
    public required NodeId Id { get; init; }

    /// <summary>Cloud provider label (placement 2/2/1 across providers).</summary>
    public required string Provider { get; init; }

    /// <summary>The SEV-SNP platform (simulated or /dev/sev-guest) that produces this node's reports.</summary>
    public required IPlatform Platform { get; init; }

    /// <summary>AMD roots accepted for peers' reports (add the simulated root only in dev).</summary>
    public required AmdTrustAnchors TrustAnchors { get; init; }

    /// <summary>
    /// The launch measurement peers must report: a node trusts only nodes running its own code
    /// (default: the hash of this signer build, <see cref="SignerMeasurement.ForCurrentBuild"/>).
    /// </summary>
    public Measurement? Measurement { get; init; }

    /// <summary>
    /// Whether this guest keeps time on SEV-SNP Secure TSC (<see cref="SecureTscProbe"/> on real
    /// hardware); reported with each attestation. The simulated platform has none.
    /// </summary>
    public SecureTsc SecureTsc { get; init; } = SecureTsc.Off;

    /// <summary>Lowest TCB accepted in peers' reports; null accepts any (the simulated platform's).</summary>
    public TcbParts? MinimumTcb { get; init; }

    /// <summary>TriHaRd parameters (tolerance, rounds to exclude/readmit) of the default clock.</summary>
    public TriHaRdRule? ClockRule { get; init; }

    /// <summary>Refuse peers whose guest policy allows SMT (the same setting as `cctsa serve --forbid-smt`).</summary>
    public bool ForbidSmt { get; init; }

    /// <summary>Accept reports chaining to a simulated root (dev/test and the embedded `cctsa up`).</summary>
    public bool AllowSimulatedRoot { get; init; }

    /// <summary>Dev/test fault hooks (skew, partition, kill); off in production.</summary>
    public bool FaultMode { get; init; }

    /// <summary>
    /// Prefix of every node's queue name (<c>{prefix}signer-n3</c>); all nodes of one fleet use the
    /// same. Empty in production; tests give each run its own so runs on one broker never mix.
    /// Queues are plain durable queues: peers declare the same queue when they send to it, so any
    /// other arguments (auto-delete, expiry) would be refused by the broker as inequivalent.
    /// </summary>
    public string QueuePrefix { get; init; } = "";

    /// <summary>The node's trusted clock; built from <see cref="Time"/> when null.</summary>
    public TrustedClock? Clock { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The signing threshold t this fleet runs (3-of-5). A signer refuses any ceremony asking for
    /// another t: the control plane is not trusted to choose it (a 2-of-2 DKG would hand two
    /// colluding nodes the key).
    /// </summary>
    public int Threshold { get; init; } = 3;

    /// <summary>The fleet size n every DKG must span (a DKG over fewer nodes is refused).</summary>
    public int FleetSize { get; init; } = 5;

    /// <summary>
    /// The longest a coordinator waits for a participant's shares (or a refill of its commitments).
    /// When another subset could sign instead, it gives up much sooner, at the adaptive peer
    /// deadline (<see cref="PeerDeadlineFloor"/>, <see cref="PeerDeadlineMultiplier"/>); this full wait
    /// applies only when no spare peer is left to re-plan with.
    /// </summary>
    public TimeSpan RoundTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Least time a coordinator gives a peer to answer before re-planning the round without it,
    /// when a spare peer exists (see <see cref="CcTsa.Hosting.AdaptiveDeadline"/>: a few × the recent p99
    /// of its peers' answers, at least this, at most <see cref="PeerDeadlineCeiling"/> and <see cref="RoundTimeout"/>).
    /// </summary>
    public TimeSpan PeerDeadlineFloor { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The peer deadline is this many times the recent p99 of peers' answer latencies.</summary>
    public double PeerDeadlineMultiplier { get; init; } = 3;

    /// <summary>The latest a silent peer is given up on when a spare can stand in, however slow recent answers were.</summary>
    public TimeSpan PeerDeadlineCeiling { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a ceremony step may wait for the other participants.</summary>
    public TimeSpan CeremonyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Subsets a coordinator tries for one batch before giving up.</summary>
    public int MaxRoundAttempts { get; init; } = 3;

    /// <summary>
    /// Commitments requested from a peer per refill (pre-processing, off the critical path). Pooled
    /// nonces share slab regions (64 bytes each), so the bound is about how many pre-published
    /// nonces a node should hold per coordinator (a few 250-token batches), not memory mappings.
    /// </summary>
    public int CommitmentBatch { get; init; } = 1024;

    /// <summary>Threshold-ECDSA presignatures one refill makes per signer subset (refilled in the background below half).</summary>
    public int PresignBatch { get; init; } = 8;

    /// <summary>
    /// Presignatures a coordinator keeps ready for EVERY live signer subset, not only the one in use
    /// (<see cref="Coordinator.PresignatureWarmer"/>): after a node loss a surviving subset signs at
    /// once. 0 turns the warm stock off (tests that count presigning runs).
    /// </summary>
    public int PresignReserve { get; init; } = 2;

    /// <summary>How often the warm stock is checked (each check runs only what is missing).</summary>
    public TimeSpan PresignWarmInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most items a node signs in one round, as coordinator (<c>SignTimestampBatch</c>) or as
    /// participant (<c>ProduceSignatureShares</c>); larger requests are refused as TooLarge. The
    /// control plane's batcher is held to the same constant (<see cref="SigningLimits.MaxBatchItems"/>).
    /// </summary>
    public const int MaxBatchItems = SigningLimits.MaxBatchItems;

    /// <summary>
    /// Pool room a participant never hands to coordinators: its own coordination takes fresh nonces
    /// from the same pool per round, so it can always coordinate (a few concurrent full batches).
    /// </summary>
    public const int OwnCoordinationReserve = 4 * MaxBatchItems;

    /// <summary>
    /// Most unused commitments one coordinator may hold from this participant. Above a healthy
    /// coordinator's need (a stock refilled by <see cref="CommitmentBatch"/> below half, plus one
    /// forced refill), and small enough that five coordinators plus the reserve fit the epoch pool,
    /// so requests forged in every coordinator's name cannot fill it.
    /// </summary>
    public int CommitmentQuota { get; init; } = 3 * 1024;

    /// <summary>How long an issued commitment stays usable; after that it is wiped and stops counting against its coordinator's quota.</summary>
    public TimeSpan CommitmentTtl { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Heartbeat (NodeAnnounced) period; zero = only when something changes or on request.</summary>
    public TimeSpan AnnounceInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A pairwise threshold-ECDSA setup with an attested peer that has not moved for this long (or
    /// whose attempt is gone) is offered afresh at the next heartbeat: longer than the first retries of
    /// the offering side, shorter than its last.
    /// </summary>
    public TimeSpan PairSetupStalledAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Least time between two re-setups of one pair for a failed check or a pair-tag mismatch in a
    /// presign run, so a cheating peer cannot keep this node busy setting up (issue 15).
    /// </summary>
    public TimeSpan PairRedoAtMostEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TriHaRd probe period; zero = probe rounds only when <see cref="SignerNode.RunProbeRoundAsync"/> is called.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Cross-validate the clock against the simulated NTS servers of <see cref="NtsServers"/> instead
    /// of real ones (dev/test and the embedded `cctsa up` only; `cctsa-signer --simulated-time`).
    /// Those servers read the host clock, so on real hardware they prove nothing.
    /// </summary>
    public bool SimulatedTime { get; init; }

    /// <summary>
    /// The real NTS servers (RFC 8915) this node checks its SecureTSC clock against (`--nts`).
    /// Exclusive with <see cref="SimulatedTime"/>; with neither, only TriHaRd checks the clock.
    /// </summary>
    public IReadOnlyList<CcTsa.Signer.Clock.Nts.NtsServerEndpoint> Nts { get; init; } = [];

    /// <summary>Roots the NTS-KE servers' certificates must chain to (`--nts-ca`); the system store by default.</summary>
    public CcTsa.Signer.Clock.Nts.NtsTrust NtsTrust { get; init; } = CcTsa.Signer.Clock.Nts.NtsTrust.System;

    /// <summary>How often the real NTS servers are asked (each answer costs the server one cookie).</summary>
    public TimeSpan NtsPollInterval { get; init; } = TimeSpan.FromSeconds(16);

    /// <summary>
    /// The simulated NTS servers used when <see cref="SimulatedTime"/> is set (each is the
    /// simulation's true time plus its own offset and path delays). The default set has three honest
    /// servers and one 40 ms falseticker that majority selection must outvote.
    /// </summary>
    public IReadOnlyList<CcTsa.Signer.Clock.SimulatedNtsServer> NtsServers { get; init; } =
    [
        CcTsa.Signer.Clock.SimulatedNtsServer.Symmetric("nts-a", TimeSpan.FromMicroseconds(3), TimeSpan.FromMilliseconds(2)),
        CcTsa.Signer.Clock.SimulatedNtsServer.Symmetric("nts-b", TimeSpan.FromMicroseconds(-4), TimeSpan.FromMilliseconds(3)),
        CcTsa.Signer.Clock.SimulatedNtsServer.Symmetric("nts-c", TimeSpan.FromMicroseconds(2), TimeSpan.FromMilliseconds(2)),
        CcTsa.Signer.Clock.SimulatedNtsServer.Symmetric("nts-d", TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(4)),
    ];

    /// <summary>How far the clock may be from the NTS consensus before the node stops signing.</summary>
    public TimeSpan NtsTolerance { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>These options with the announce and probe intervals of the environment (<see cref="Contracts.Hosting.TimingEnvironment"/>).</summary>
    public SignerNodeOptions WithEnvironmentTimings() => this with
    {
        AnnounceInterval = Contracts.Hosting.TimingEnvironment.Read(Contracts.Hosting.TimingEnvironment.AnnounceInterval, AnnounceInterval),
        ProbeInterval = Contracts.Hosting.TimingEnvironment.Read(Contracts.Hosting.TimingEnvironment.ProbeInterval, ProbeInterval),
    };

    /// <summary>
    /// The accuracy every token states (TSTInfo accuracy) and this node enforces on genTime. It is
    /// the signers' own constant, the same on all nodes, never taken from the control plane: an
    /// InstallCertificate or certificate (TokenAccuracy extension) stating another value is refused.
    /// </summary>
    public TimeSpan TokenAccuracy { get; init; } = CcTsa.Crypto.Pki.TokenAccuracyExtension.FleetDefault;

    /// <summary>
    /// How much more than <see cref="TokenAccuracy"/> a proposed genTime may lag this node's clock:
    /// only the transit of the round (coordinator's clock read → this node's check) over the bus,
    /// queueing included. A genTime ahead of the clock gets no allowance.
    /// </summary>
    public TimeSpan GenTimeNetworkAllowance { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The CA every epoch certificate must chain to, pinned at fleet start (the dev CA's or the
    /// external CA's certificate, `cctsa-signer --tsa-ca FILE`). Null: trust on first install — the
    /// CA of the first certificate this node accepts is pinned for the node's lifetime (weaker: a
    /// relay that is first to install picks the CA).
    /// </summary>
    public CcTsa.Signer.Coordinator.TsaCaPin? TsaCa { get; init; }

    /// <summary>
    /// Bench seam only (internal; CcTsa.Bench measures issuance with and without message
    /// authentication in one process): replaces the node's <see cref="Messaging.MessageAuthenticator"/>
    /// as the messenger's signer and the receive filter's checker. Null everywhere else.
    /// </summary>
    internal Func<Messaging.MessageAuthenticator, Messaging.IMessageAuthentication>? AuthenticationForBench { get; init; }
}
