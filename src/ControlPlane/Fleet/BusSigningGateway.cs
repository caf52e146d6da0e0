using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// <see cref="ISigningGateway"/> over the bus: SignTimestampBatch for the current epoch through the
/// one <see cref="SigningFailover"/>. A revoked epoch (key compromise) never signs again, even with
/// a quorum of holders; below quorum or clocks excluded is an answer, never a bad token. The batch's
/// policy travels as SignTimestampBatch.Policy (null for FROST-Ed25519, as before policies existed),
/// so the coordinator signs with that policy's scheme.
/// </summary>
public sealed class BusSigningGateway(SigningFailover failover, FleetState state, FleetMetrics metrics, FleetOptions options) : ISigningGateway
{
    public async Task<Result<SignedBatch, SigningUnavailable>> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var epoch = state.Epochs.Current;
        if (epoch == 0 || state.Certificates.Revoked(epoch))
            return Result<SignedBatch, SigningUnavailable>.Fail(new SigningUnavailable(Unavailability.BelowQuorum, "no usable key epoch"));
        var policy = PolicyOf(batch);
        var items = batch.Select(r => new TimestampToSign(r.RequestId, r.RequestDer.ToArray(), r.Head)).ToList();
        var keyEpoch = new KeyEpoch(epoch);
        var signed = await failover.SignAsync<SignTimestampBatch, TimestampBatchSigned>(keyEpoch,
            (round, avoid) => new SignTimestampBatch(round, keyEpoch, items, avoid, policy), SigningWait.ForPolicy(TsaPolicies.ByOid(policy), options),
            cancellationToken).ConfigureAwait(false);
        if (!signed.TryGet(out var s, out var why)) return Result<SignedBatch, SigningUnavailable>.Fail(why);
        metrics.TokensIssued(s.Tokens.Count);
        return new SignedBatch(s.Epoch, s.Signers, s.Tokens);
    }

    /// <summary>The OID to send, or null for a FROST-Ed25519 batch (the signers' installed policy, unchanged wire format).</summary>
    public static string? PolicyOf(IReadOnlyList<ValidatedRequest> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0) return null;
        var oid = batch[0].Request.Policy;
        if (batch.Any(r => r.Request.Policy != oid))
            throw new ArgumentException($"A signing batch mixes policies ({string.Join(", ", batch.Select(r => r.Request.Policy).Distinct())}); IssuanceService groups them.", nameof(batch));
        return TsaPolicies.ByOid(oid) is { } known && known.Scheme != TsaPolicies.Ed25519.Scheme ? oid : null;
    }
}
