namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Fleet parameters: 3-of-5, heartbeat timeout and the bounded waits of ceremonies and signing.
/// One instance per host; the embedded mode shortens nothing, so tests exercise the real values.
/// </summary>
public sealed record FleetOptions
{
    public int Threshold { get; init; } = 3;

    public int FleetSize { get; init; } = 5;

    /// <summary>A node not heard from for this long is offline (its share is presumed gone); signers announce every 10 s by default.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// How long after start the runbooks wait for heartbeats before judging quorum: a restarted
    /// control plane must not re-key while running nodes still hold their shares. Null = the
    /// heartbeat timeout. The embedded host shortens it (its nodes start with empty vaults).
    /// </summary>
    public TimeSpan? StartupSettle { get; init; }

    /// <summary>Prefix of the nodes' queue names (see <see cref="NodeAddress"/>); empty in production.</summary>
    public string QueuePrefix { get; init; } = "";

    public TimeSpan CeremonyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A node still excluded for its clock this long after the clock-drift incident opened is not
    /// drifting transiently: the runbook then asks for its replacement (RUNBOOKS §7).
    /// </summary>
    public TimeSpan ClockDriftReplaceAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// After a restart, how long the control plane waits at least for the answers of a ceremony its
    /// predecessor left open (answers published while no control plane ran wait in its durable queue).
    /// </summary>
    public TimeSpan ResumeGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Signers are separate processes that keep running (and finish ceremonies) while the control
    /// plane restarts. False for the embedded host, whose in-process nodes die with it: a ceremony
    /// left open is then aborted at once.
    /// </summary>
    public bool ParticipantsOutliveControlPlane { get; init; } = true;

    /// <summary>The hard bound on one coordinator's answer; a silent coordinator is hedged much sooner (<see cref="HedgeFloor"/>).</summary>
    public TimeSpan SigningTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The bound on one coordinator's answer to a request signed (also) with threshold ML-DSA-65
    /// (`hybrid`, `ml-dsa-65`): several runs of three round trips, restarted passes included (<see cref="SigningWait"/>).
    /// </summary>
    public TimeSpan PostQuantumSigningTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Least time a coordinator signing with ML-DSA-65 gets before a hedge (unless the roster learns it was lost).</summary>
    public TimeSpan PostQuantumHedgeFloor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The bound on a whole ML-DSA-65 request over every coordinator it tries (each one's wait is cut
    /// to what is left): an answer, 503 included, before a client's usual 60 s timeout.
    /// </summary>
    public TimeSpan PostQuantumSigningBudget { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long a request that every coordinator failed for a passing reason is tried again before
    /// it is refused: right after a refresh or repair the threshold-ECDSA pairwise setups of the new
    /// shares take a few seconds, and every coordinator answers "below quorum" meanwhile. Not for
    /// fewer than t eligible signers (refused at once) or a refused request (final).
    /// </summary>
    public TimeSpan SigningPatience { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Pause between two passes over the coordinators within <see cref="SigningPatience"/>.</summary>
    public TimeSpan SigningRetryPause { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Least time a coordinator gets before the same batch is also sent to the next candidate (a
    /// hedge; the first signed answer wins). The hedge deadline adapts: <see cref="HedgeMultiplier"/>
    /// × the recent p99 of signed answers, at least this, at most <see cref="SigningTimeout"/>.
    /// </summary>
    public TimeSpan HedgeFloor { get; init; } = TimeSpan.FromMilliseconds(250);

    public double HedgeMultiplier { get; init; } = 2;

    /// <summary>
    /// The latest a silent coordinator is hedged, however slow recent answers were (the 1 s target of
    /// issue 14: a loaded machine's p99 must not push the hedge out to the signing timeout).
    /// </summary>
    public TimeSpan HedgeCeiling { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan AttestationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Accuracy the tokens declare (TSTInfo accuracy), sent to nodes with the certificate. The
    /// signers do not take it from here: each refuses a certificate whose accuracy is not its own
    /// constant, so this must equal theirs (both default to TokenAccuracyExtension.FleetDefault).
    /// </summary>
    public long AccuracyMicros { get; init; } = (long)CcTsa.Crypto.Pki.TokenAccuracyExtension.FleetDefault.TotalMicroseconds;

    /// <summary>TriHaRd tolerance in microseconds (seed: 50 µs), recorded with clock violations.</summary>
    public double ClockToleranceMicros { get; init; } = 50;

    /// <summary>These options with the heartbeat and ceremony timeouts of the environment (<see cref="Contracts.Hosting.TimingEnvironment"/>).</summary>
    public FleetOptions WithEnvironmentTimings() => this with
    {
        HeartbeatTimeout = Contracts.Hosting.TimingEnvironment.Read(Contracts.Hosting.TimingEnvironment.HeartbeatTimeout, HeartbeatTimeout),
        CeremonyTimeout = Contracts.Hosting.TimingEnvironment.Read(Contracts.Hosting.TimingEnvironment.CeremonyTimeout, CeremonyTimeout),
    };

    /// <summary>Consecutive healthy heartbeats before an excluded node is readmitted (TriHaRd rejoin).</summary>
    public int ReadmitAfterGoodBeats { get; init; } = 2;
}
