using CcTsa.ControlPlane.Pki;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// <see cref="IThresholdSigner"/> over the bus (the CSR's proof of possession): SignRawMessage to
/// the lowest eligible coordinator, the next one on a retryable failure or timeout. Below quorum
/// no certificate can be made, which is an exception for the caller (CertificateService).
/// </summary>
public sealed class BusThresholdSigner(IBus bus, FleetState state, FleetOptions options, ILogger<BusThresholdSigner> logger) : IThresholdSigner
{
    public const string CsrPurpose = "csr";

    public async Task<byte[]> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var candidates = state.Roster.Signers(epoch.Number);
        if (candidates.Count < options.Threshold)
            throw new InvalidOperationException($"Cannot sign with {epoch}: {candidates.Count} eligible signers, threshold {options.Threshold}.");
        var last = "no coordinator answered";
        foreach (var coordinator in candidates)
        {
            var round = RoundId.New();
            try
            {
                var client = bus.CreateRequestClient<SignRawMessage>(NodeAddress.Of(coordinator.Id, options.QueuePrefix), RequestTimeout.After(ms: (int)options.SigningTimeout.TotalMilliseconds));
                var response = await client.GetResponse<RawMessageSigned, TimestampBatchFailed>(
                    new SignRawMessage(round, epoch.Number, CsrPurpose, message.ToArray()), cancellationToken).ConfigureAwait(false);
                if (response.Is(out Response<RawMessageSigned>? signed))
                    return signed.Message.Signature;
                if (response.Is(out Response<TimestampBatchFailed>? failed))
                {
                    last = failed.Message.Reason;
                    ControlPlaneLog.BatchFailed(logger, round, coordinator.Id, last);
                    if (!failed.Message.Retryable) break;
                }
            }
            catch (RequestTimeoutException)
            {
                last = coordinator.Id + " timed out";
                ControlPlaneLog.BatchTimedOut(logger, round, coordinator.Id);
            }
        }
        throw new InvalidOperationException($"Threshold signature with {epoch} failed: {last}.");
    }
}
