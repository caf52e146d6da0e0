using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;
using CcTsa.Signer.Messaging;
using CcTsa.Signer.Purposes;
using CcTsa.Signer.Schemes;
using MassTransit;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The coordinator role for every signing request. What differs per purpose is only how the
/// messages are prepared: a time-stamp batch becomes TSTInfos and signed attributes with fresh
/// serials and genTime from this node's trusted clock (<see cref="Rfc3161Purpose.Prepare"/>); a raw message
/// (the epoch certificate's CSR) is signed as is once this node accepts it like its peers will.
/// Both then go through the one <see cref="SigningPipeline"/> and answer signed, or <see cref="SigningFailed"/>
/// (TooLarge for a batch over <see cref="SignerNodeOptions.MaxBatchItems"/>). A hybrid policy names two
/// schemes: each pass of the batch goes through the classical scheme's pipeline, then one run of the
/// post-quantum one over the same signed attributes (<see cref="HybridSigning"/>).
/// </summary>
internal sealed class SigningCoordinator(NodeContext node, IReadOnlyDictionary<string, SigningPipeline> pipelines, SigningPurposes purposes, Rfc3161Purpose timestamps)
    : IConsumer<SignTimestampBatch>, IConsumer<SignRawMessage>
{
    public Task Consume(ConsumeContext<SignTimestampBatch> context) => node.AnswerWhileAliveAsync(context, SignBatchAsync);

    public Task Consume(ConsumeContext<SignRawMessage> context) => node.AnswerWhileAliveAsync(context, SignRawAsync);

    /// <summary>Signs a batch: <see cref="TimestampBatchSigned"/> or <see cref="SigningFailed"/>.</summary>
    public async Task<object> SignBatchAsync(SignTimestampBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // refused before any serial, TSTInfo or nonce is spent on it; the control plane must split it
        if (batch.Items.Count > SignerNodeOptions.MaxBatchItems)
        {
            SignerLog.TooManyItems(node.Logger, node.Id, nameof(SignTimestampBatch), batch.Items.Count, SignerNodeOptions.MaxBatchItems);
            return new SigningFailed(batch.Batch, node.Id, SigningFailureReason.TooLarge,
                $"batch of {batch.Items.Count} items; a signer takes at most {SignerNodeOptions.MaxBatchItems}", false, [], []);
        }
        // the policy fixes the scheme (null: the FROST policy, as before policies were per request)
        var policy = batch.Policy is null ? null : TsaPolicies.ByOid(batch.Policy);
        var scheme = batch.Policy is null ? FrostEd25519Scheme.SchemeName : policy?.Scheme;
        if (scheme is null || !pipelines.TryGetValue(scheme, out var pipeline))
            return new SigningFailed(batch.Batch, node.Id, SigningFailureReason.RequestRefused, $"policy {batch.Policy} is not offered by this TSA", false, [], []);
        if (policy is { IsHybrid: true }) return await SignHybridAsync(batch, policy, pipeline, cancellationToken).ConfigureAwait(false);
        var job = TimestampJob(batch, key => timestamps.Prepare(batch, key.Scheme), timestamps.Restamp);
        var result = await pipeline.SignAsync(job, cancellationToken).ConfigureAwait(false);
        if (!result.TryGet(out var signed, out var failed)) return failed;
        var tokens = signed.Signatures.Select((_, i) => signed.Prepared.Complete(i, signed.Of(i), signed.Key.GroupKey.Span)).ToList();
        return new TimestampBatchSigned(batch.Batch, node.Id, batch.Epoch, signed.Signers, tokens, signed.Silent);
    }

    /// <summary>
    /// A hybrid batch: both halves over the same signed attributes, in passes that keep every genTime
    /// fresh for both schemes' signers (<see cref="HybridSigning"/>). A failure of either refuses the
    /// batch, its detail naming the scheme.
    /// </summary>
    private async Task<object> SignHybridAsync(SignTimestampBatch batch, TsaPolicy policy, SigningPipeline classical, CancellationToken cancellationToken)
    {
        var pqScheme = policy.PostQuantumScheme!;
        if (!pipelines.TryGetValue(pqScheme, out var postQuantum) || timestamps.PostQuantumCertificate(batch.Epoch.Number, policy) is not { } pqCert)
            return new SigningFailed(batch.Batch, node.Id, SigningFailureReason.EpochUnavailable,
                $"policy {policy.Name}: no {pqScheme} key or certificate certifying it for epoch {batch.Epoch.Number}", true, [], []);
        return await new HybridSigning(node, classical, postQuantum, timestamps).SignAsync(batch, policy, pqCert, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A batch of time-stamps for the pipeline, checked by the participants under the rfc3161 purpose.</summary>
    private static SigningJob<BatchTokens> TimestampJob(SignTimestampBatch batch, Func<SchemeEpoch, Result<BatchTokens, SigningRefusal>> prepare,
        Func<BatchTokens, IReadOnlyList<int>, Result<BatchTokens, SigningRefusal>>? restamp = null) =>
        new(batch.Batch, batch.Epoch.Number, Rfc3161Purpose.Name, batch.Avoid ?? [], prepare, restamp);

    /// <summary>Signs a raw message: <see cref="RawMessageSigned"/> or <see cref="SigningFailed"/>.</summary>
    public async Task<object> SignRawAsync(SignRawMessage m, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (!pipelines.TryGetValue(m.Scheme ?? FrostEd25519Scheme.SchemeName, out var pipeline))
            return new SigningFailed(m.Round, node.Id, SigningFailureReason.RequestRefused, $"scheme {m.Scheme} is not a scheme of this TSA", false, [], []);
        var job = new SigningJob<RawMessage>(m.Round, m.Epoch.Number, m.Purpose, m.Avoid ?? [], key =>
            purposes.Find(m.Purpose) is not { } purpose ? Result<RawMessage, SigningRefusal>.Fail(SigningRefusal.Request("unknown purpose"))
            : SigningPurposes.CheckAll(purpose, key, [new PreparedMessage(m.Message, [])]) is { } why ? Result<RawMessage, SigningRefusal>.Fail(SigningRefusal.Request(why))
            : new RawMessage(m.Message));
        var result = await pipeline.SignAsync(job, cancellationToken).ConfigureAwait(false);
        if (!result.TryGet(out var signed, out var failed)) return failed;
        return new RawMessageSigned(m.Round, node.Id, m.Epoch, signed.Signers, signed.Of(0), signed.Silent);
    }
}
