using System.Diagnostics;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// <see cref="ISigningGateway"/> over the bus: the coordinator is the lowest-numbered attested,
/// clock-healthy node holding a share of the current epoch; it gets SignTimestampBatch and answers
/// TimestampBatchSigned or TimestampBatchFailed. A failure or a timeout moves on to the next
/// candidate (each coordinator itself refuses without t−1 reachable peers, invariant 8); fewer than t candidates is <see cref="Unavailability.BelowQuorum"/> (or
/// ClockUnavailable when enough holders exist but their clocks are excluded) — never a bad token.
/// Nodes that just failed to answer are <see cref="SuspectedNodes"/>: tried last and avoided as
/// peers, so a crash between two heartbeats costs the first batches one timeout, not every batch.
/// </summary>
public sealed class BusSigningGateway(IBus bus, FleetState state, FleetOptions options, FleetMetrics metrics, SignerAttribution attribution,
    SuspectedNodes suspects, TimeProvider time, ILogger<BusSigningGateway> logger) : ISigningGateway
{
    public async Task<SigningOutcome> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var epoch = state.Epochs.Current;
        // a revoked epoch (key compromise) never signs again, even with a quorum of holders
        if (epoch == 0 || state.Certificates.Revoked(epoch)) return SigningOutcome.NotSigned(Unavailability.BelowQuorum);
        var roster = state.Roster;
        var candidates = roster.Signers(epoch);
        if (candidates.Count < options.Threshold)
            return SigningOutcome.NotSigned(roster.ShareHolders(epoch) >= options.Threshold ? Unavailability.ClockUnavailable : Unavailability.BelowQuorum);

        var items = batch.Select(r => new TimestampToSign(r.RequestId, r.RequestDer.ToArray())).ToList();
        foreach (var coordinator in suspects.TryingOrder(candidates))
        {
            // read again for every try: what the previous coordinator reported is already in
            var avoid = suspects.Avoid(state.Roster).Where(n => n != coordinator.Id).ToList();
            var round = RoundId.New();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var client = bus.CreateRequestClient<SignTimestampBatch>(NodeAddress.Of(coordinator.Id, options.QueuePrefix), RequestTimeout.After(ms: (int)options.SigningTimeout.TotalMilliseconds));
                var response = await client.GetResponse<TimestampBatchSigned, TimestampBatchFailed>(new SignTimestampBatch(round, epoch, items, avoid), cancellationToken).ConfigureAwait(false);
                if (response.Is(out Response<TimestampBatchSigned>? signed))
                {
                    metrics.SigningRound("signed", Stopwatch.GetElapsedTime(started));
                    metrics.TokensIssued(signed.Message.Tokens.Count);
                    attribution.Remember(signed.Message.Tokens.Select(t => t.RequestId), signed.Message.Signers);
                    return SigningOutcome.Granted(signed.Message.Epoch, signed.Message.Tokens);
                }
                if (response.Is(out Response<TimestampBatchFailed>? failed))
                {
                    metrics.SigningRound("failed", Stopwatch.GetElapsedTime(started));
                    ControlPlaneLog.BatchFailed(logger, round, coordinator.Id, failed.Message.Reason);
                    foreach (var silent in failed.Message.Unresponsive ?? []) suspects.Suspect(silent, time.GetUtcNow());
                    // even "below quorum" is only this coordinator's view: in a partition the next
                    // candidate may sit on the side that has t nodes, so every candidate gets one try
                }
            }
            catch (RequestTimeoutException)
            {
                metrics.SigningRound("timeout", Stopwatch.GetElapsedTime(started));
                ControlPlaneLog.BatchTimedOut(logger, round, coordinator.Id);
                suspects.Suspect(coordinator.Id, time.GetUtcNow());
            }
        }
        return SigningOutcome.NotSigned(Unavailability.BelowQuorum);
    }
}
