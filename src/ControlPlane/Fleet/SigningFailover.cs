using System.Diagnostics;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// The control plane's one failover loop for every signing request (time-stamp batches, CSRs,
/// audit anchors). The coordinator is the lowest-numbered attested, clock-healthy node holding a
/// share of the epoch; a <see cref="SigningFailed"/> or a timeout moves on to the next candidate
/// (each coordinator itself refuses without t−1 reachable peers, invariant 8). Nodes that just
/// failed to answer are <see cref="SuspectedNodes"/>: tried last and passed as "avoid", so a crash
/// between two heartbeats costs the first requests one timeout, not every request. Fewer than t
/// candidates, or no coordinator that signs, is a <see cref="SigningUnavailable"/> value.
/// </summary>
public sealed class SigningFailover(IBus bus, FleetState state, FleetOptions options, FleetMetrics metrics, SuspectedNodes suspects,
    TimeProvider time, ILogger<SigningFailover> logger, NodeMessageCheck? check = null)
{
    // check: the host always registers one; null only for unit tests whose fake coordinators don't sign.
    // one line per coordinator and reason and interval: during a quorum loss every batch fails the same way
    private readonly Logging.RepeatedWarnings _warnings = new(logger, time, Logging.RepeatedWarnings.DefaultInterval);

    /// <summary>
    /// Sends <paramref name="request"/> (built per try with a fresh round id and the current avoid
    /// list) to coordinators in trying order until one answers <typeparamref name="TSigned"/>.
    /// </summary>
    public async Task<Result<TSigned, SigningUnavailable>> SignAsync<TRequest, TSigned>(KeyEpoch epoch,
        Func<RoundId, IReadOnlyList<NodeId>, TRequest> request, CancellationToken cancellationToken)
        where TRequest : class
        where TSigned : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var roster = state.Roster;
        var candidates = roster.Signers(epoch.Number);
        if (candidates.Count < options.Threshold)
            return Unavailable<TSigned>(roster.ShareHolders(epoch.Number) >= options.Threshold ? Unavailability.ClockUnavailable : Unavailability.BelowQuorum,
                $"{candidates.Count} eligible signers for {epoch}, threshold {options.Threshold}");

        var last = "no coordinator answered";
        foreach (var coordinator in suspects.TryingOrder(candidates))
        {
            // read again for every try: what the previous coordinator reported is already in
            var avoid = suspects.Avoid(state.Roster).Where(n => n != coordinator.Id).ToList();
            var round = RoundId.New();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var client = bus.CreateRequestClient<TRequest>(NodeAddress.Of(coordinator.Id, options.QueuePrefix),
                    RequestTimeout.After(ms: (int)options.SigningTimeout.TotalMilliseconds));
                var response = await client.GetResponse<TSigned, SigningFailed>(request(round, avoid), cancellationToken).ConfigureAwait(false);
                if (response.Is(out Response<TSigned>? signed))
                {
                    metrics.SigningRound("signed", Stopwatch.GetElapsedTime(started));
                    return signed.Message;
                }
                if (response.Is(out Response<SigningFailed>? failed))
                {
                    // its culprit and unresponsive lists get nodes suspected: only the coordinator's own word counts
                    if (check is not null && (failed.Message.Coordinator != coordinator.Id || !check.IsFrom(coordinator.Id, failed.Message, failed.Headers)))
                    {
                        last = $"{coordinator.Id}: an unauthenticated failure answer was ignored";
                        continue;
                    }
                    metrics.SigningRound("failed", Stopwatch.GetElapsedTime(started));
                    last = $"{coordinator.Id}: {failed.Message.Detail}";
                    _warnings.Warn($"signing failed on coordinator {coordinator.Id} ({failed.Message.Reason})", $"round {round}: {failed.Message.Detail}");
                    foreach (var silent in failed.Message.Unresponsive) suspects.Suspect(silent, time.GetUtcNow());
                    // a refused (or oversized) request is refused by every coordinator; even "below quorum" is only this
                    // coordinator's view: in a partition the next one may sit on the side that has t nodes
                    if (failed.Message.Reason is SigningFailureReason.RequestRefused or SigningFailureReason.TooLarge) break;
                }
            }
            catch (RequestTimeoutException)
            {
                metrics.SigningRound("timeout", Stopwatch.GetElapsedTime(started));
                last = $"{coordinator.Id} timed out";
                _warnings.Warn($"coordinator {coordinator.Id} did not answer in time", $"round {round}");
                suspects.Suspect(coordinator.Id, time.GetUtcNow());
            }
        }
        return Unavailable<TSigned>(Unavailability.BelowQuorum, last);
    }

    private static Result<T, SigningUnavailable> Unavailable<T>(Unavailability why, string detail) =>
        Result<T, SigningUnavailable>.Fail(new SigningUnavailable(why, detail));
}
