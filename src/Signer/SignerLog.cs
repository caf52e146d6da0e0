using Microsoft.Extensions.Logging;

namespace CcTsa.Signer;

/// <summary>
/// Every log line of the signer. Only ids, epochs, counts, reasons we wrote ourselves and
/// durations — never bytes from a bus payload, never key material (the canary test checks).
/// EventIds are stable: 21xx vault, 22xx attestation, 23xx ceremonies, 24xx signing, 25xx clock, 26xx faults.
/// </summary>
internal static partial class SignerLog
{
    [LoggerMessage(2100, LogLevel.Information, "Node {Node} started (provider {Provider}, faults {FaultMode})")]
    public static partial void Started(ILogger logger, NodeId node, string provider, bool faultMode);

    [LoggerMessage(2110, LogLevel.Information, "{Node} finished the threshold-ECDSA pairwise setup with {Peer} for epoch {Epoch} in {Millis} ms")]
    public static partial void EcdsaPairReady(ILogger logger, NodeId node, NodeId peer, int epoch, long millis);

    [LoggerMessage(2111, LogLevel.Warning, "{Node} dropped a threshold-ECDSA pairwise setup with {Peer} for epoch {Epoch}: {Reason}")]
    public static partial void EcdsaPairFailed(ILogger logger, NodeId node, NodeId peer, int epoch, string reason);

    [LoggerMessage(2112, LogLevel.Warning, "{Node}'s threshold-ECDSA pair with {Peer} for epoch {Epoch} {Why}; dropped and set up afresh")]
    public static partial void EcdsaPairRedone(ILogger logger, NodeId node, NodeId peer, int epoch, string why);

    [LoggerMessage(2114, LogLevel.Warning, "{Node}'s threshold-ECDSA pair tag from {Peer} for epoch {Epoch} differed after {Setups} setups in a row; {Peer} is named as culprit")]
    public static partial void EcdsaPairTagPersists(ILogger logger, NodeId node, NodeId peer, int epoch, int setups);

    [LoggerMessage(2101, LogLevel.Information, "Share for epoch {Epoch} stored on {Node}")]
    public static partial void ShareStored(ILogger logger, NodeId node, int epoch);

    [LoggerMessage(2102, LogLevel.Information, "Share for epoch {Epoch} discarded on {Node}: {Reason}")]
    public static partial void ShareDiscarded(ILogger logger, NodeId node, int epoch, string reason);

    [LoggerMessage(2113, LogLevel.Warning, "{Node} left out the ML-DSA repair packages of {Culprits} in ceremony {Ceremony} (they did not open or did not match the DKG's D_S); the other helpers covered its subsets")]
    public static partial void MlDsaRepairHelpersLeftOut(ILogger logger, NodeId node, CeremonyId ceremony, string culprits);

    [LoggerMessage(2103, LogLevel.Information, "Node {Node} stopped; vault wiped")]
    public static partial void Stopped(ILogger logger, NodeId node);

    [LoggerMessage(2200, LogLevel.Information, "{Node} attested peer {Peer} ({Provider})")]
    public static partial void PeerAttested(ILogger logger, NodeId node, NodeId peer, string provider);

    [LoggerMessage(2201, LogLevel.Warning, "{Node} rejected the attestation of {Peer}: {Reason}")]
    public static partial void PeerRejected(ILogger logger, NodeId node, NodeId peer, string reason);

    [LoggerMessage(2202, LogLevel.Debug, "{Node} ignored a {Message} from unattested or cut-off peer {Peer}")]
    public static partial void Ignored(ILogger logger, NodeId node, string message, NodeId peer);

    [LoggerMessage(2203, LogLevel.Warning, "{Node} could not produce an attestation report: {Reason}")]
    public static partial void ReportFailed(ILogger logger, NodeId node, string reason);

    [LoggerMessage(2300, LogLevel.Information, "{Node} joined {Kind} ceremony {Ceremony} for epoch {Epoch} ({Participants} participants, t={Threshold})")]
    public static partial void CeremonyJoined(ILogger logger, NodeId node, string kind, CeremonyId ceremony, int epoch, int participants, int threshold);

    [LoggerMessage(2301, LogLevel.Information, "{Node} finished {Kind} ceremony {Ceremony} for epoch {Epoch}")]
    public static partial void CeremonyCompleted(ILogger logger, NodeId node, string kind, CeremonyId ceremony, int epoch);

    [LoggerMessage(2302, LogLevel.Warning, "{Node} failed {Kind} ceremony {Ceremony}: {Reason}")]
    public static partial void CeremonyFailed(ILogger logger, NodeId node, string kind, CeremonyId ceremony, string reason);

    [LoggerMessage(2303, LogLevel.Warning, "{Node} abandoned {Kind} ceremony {Ceremony}: the control plane aborted it ({Reason})")]
    public static partial void CeremonyAbandoned(ILogger logger, NodeId node, string kind, CeremonyId ceremony, string reason);

    [LoggerMessage(2304, LogLevel.Warning, "{Node} judged the complaint in ceremony {Ceremony} by {Complainer} against {Accused}: {Finding}")]
    public static partial void ComplaintJudged(ILogger logger, NodeId node, CeremonyId ceremony, NodeId complainer, NodeId accused, string finding);

    [LoggerMessage(2400, LogLevel.Debug, "{Node} issued {Count} nonce commitments to {Coordinator} for epoch {Epoch}")]
    public static partial void CommitmentsIssued(ILogger logger, NodeId node, int count, NodeId coordinator, int epoch);

    [LoggerMessage(2450, LogLevel.Warning, "{Node} refused nonce commitments to {Coordinator} for epoch {Epoch}: {Reason}")]
    public static partial void CommitmentsRefused(ILogger logger, NodeId node, NodeId coordinator, int epoch, string reason);

    [LoggerMessage(2451, LogLevel.Information, "{Node} wiped {Count} unused nonce commitments of epoch {Epoch} after their time-to-live")]
    public static partial void CommitmentsExpired(ILogger logger, NodeId node, int count, int epoch);

    [LoggerMessage(2452, LogLevel.Information, "{Node} was refused nonce commitments by {Participant} for epoch {Epoch}: {Reason}")]
    public static partial void CommitmentsDenied(ILogger logger, NodeId node, NodeId participant, int epoch, string reason);

    [LoggerMessage(2454, LogLevel.Debug, "{Node} dropped {Count} nonce commitments from {Participant} for epoch {Epoch}: they answer a request from before its stock was forgotten")]
    public static partial void CommitmentsOutdated(ILogger logger, NodeId node, NodeId participant, int epoch, int count);

    [LoggerMessage(2453, LogLevel.Warning, "{Node} refused {Message} with {Count} items (at most {Max})")]
    public static partial void TooManyItems(ILogger logger, NodeId node, string message, int count, int max);

    [LoggerMessage(2401, LogLevel.Debug, "{Node} produced {Count} signature shares in round {Round}")]
    public static partial void SharesProduced(ILogger logger, NodeId node, int count, RoundId round);

    [LoggerMessage(2402, LogLevel.Warning, "{Node} refused round {Round} of {Coordinator}: {Reason}")]
    public static partial void SharesRefused(ILogger logger, NodeId node, RoundId round, NodeId coordinator, string reason);

    [LoggerMessage(2403, LogLevel.Information, "{Node} signed request {Request} ({Purpose}): {Count} messages with {Signers} (attempt {Attempt})")]
    public static partial void RequestSigned(ILogger logger, NodeId node, RoundId request, string purpose, int count, string signers, int attempt);

    [LoggerMessage(2404, LogLevel.Warning, "{Node} could not sign request {Request}: {Reason}")]
    public static partial void RequestFailed(ILogger logger, NodeId node, RoundId request, string reason);

    /// <summary>A hybrid pass starting again with fresh stamps: the designed path (HybridSigning), not a failure.</summary>
    [LoggerMessage(2408, LogLevel.Debug, "{Node} restarts the pass of request {Request} with fresh stamps: {Reason}")]
    public static partial void PassRestarted(ILogger logger, NodeId node, RoundId request, string reason);

    [LoggerMessage(2405, LogLevel.Warning, "{Node} round {Round} attempt {Attempt} failed ({Reason}); excluding {Excluded}")]
    public static partial void RoundRetried(ILogger logger, NodeId node, RoundId round, int attempt, string reason, string excluded);

    [LoggerMessage(2406, LogLevel.Information, "{Node} installed the certificate of epoch {Epoch}")]
    public static partial void CertificateInstalled(ILogger logger, NodeId node, int epoch);

    [LoggerMessage(2407, LogLevel.Warning, "{Node} refused the certificate of epoch {Epoch}: {Reason}")]
    public static partial void CertificateRejected(ILogger logger, NodeId node, int epoch, string reason);

    [LoggerMessage(2500, LogLevel.Warning, "{Node} clock excluded from signing (round {ProbeRound})")]
    public static partial void ClockExcluded(ILogger logger, NodeId node, long probeRound);

    [LoggerMessage(2501, LogLevel.Information, "{Node} clock readmitted (round {ProbeRound})")]
    public static partial void ClockReadmitted(ILogger logger, NodeId node, long probeRound);

    [LoggerMessage(2600, LogLevel.Warning, "{Node} fault injected: {Kind}")]
    public static partial void FaultInjected(ILogger logger, NodeId node, string kind);

    [LoggerMessage(2601, LogLevel.Warning, "{Node} refused a fault injection: fault mode is off")]
    public static partial void FaultRefused(ILogger logger, NodeId node);

    [LoggerMessage(2602, LogLevel.Error, "{Node} protocol step failed unexpectedly: {Step}")]
    public static partial void StepCrashed(ILogger logger, Exception exception, NodeId node, string step);

    [LoggerMessage(2700, LogLevel.Warning, "{Node} dropped an unauthenticated {Kind} claiming to be from {Claimed}: {Reason} ({Dropped} dropped so far)")]
    public static partial void MessageDropped(ILogger logger, NodeId node, string kind, string claimed, string reason, long dropped);

    [LoggerMessage(2701, LogLevel.Debug, "{Node} dropped {Kind} claiming to be from {Claimed}: {Reason}")]
    public static partial void MessageDroppedDetail(ILogger logger, NodeId node, string kind, string claimed, string reason);

    [LoggerMessage(2460, LogLevel.Warning, "{Node} failed presign run {Run} step {Step} of {Coordinator}: {Reason}")]
    public static partial void PresignStepFailed(ILogger logger, NodeId node, RoundId run, int step, NodeId coordinator, string reason);

    [LoggerMessage(2461, LogLevel.Information, "{Node} stocked {Count} presignatures with {Peers} for epoch {Epoch} in {Millis} ms")]
    public static partial void Presigned(ILogger logger, NodeId node, int count, string peers, int epoch, long millis);

    [LoggerMessage(2462, LogLevel.Warning, "{Node} presign run with {Peers} for epoch {Epoch} failed: {Reason}; culprits {Culprits}")]
    public static partial void PresignFailed(ILogger logger, NodeId node, string peers, int epoch, string reason, string culprits);

    [LoggerMessage(2463, LogLevel.Information, "{Node} dropped {Count} presignatures with {Peers} for epoch {Epoch}: the run started before the stock of a peer or the epoch was forgotten")]
    public static partial void PresignOutdated(ILogger logger, NodeId node, int count, string peers, int epoch);
}
