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
/// (TooLarge for a batch over <see cref="SignerNodeOptions.MaxBatchItems"/>).
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
        var scheme = batch.Policy is null ? FrostEd25519Scheme.SchemeName : TsaPolicies.ByOid(batch.Policy)?.Scheme;
        if (scheme is null || !pipelines.TryGetValue(scheme, out var pipeline))
            return new SigningFailed(batch.Batch, node.Id, SigningFailureReason.RequestRefused, $"policy {batch.Policy} is not offered by this TSA", false, [], []);
        var job = new SigningJob<BatchTokens>(batch.Batch, batch.Epoch.Number, Rfc3161Purpose.Name, batch.Avoid ?? [], key => timestamps.Prepare(batch, key.Scheme));
        var result = await pipeline.SignAsync(job, cancellationToken).ConfigureAwait(false);
        if (!result.TryGet(out var signed, out var failed)) return failed;
        var tokens = signed.Signatures.Select((s, i) => signed.Prepared.Complete(i, s, signed.Key.GroupKey.Span)).ToList();
        return new TimestampBatchSigned(batch.Batch, node.Id, batch.Epoch, signed.Signers, tokens);
    }

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
        return new RawMessageSigned(m.Round, node.Id, m.Epoch, signed.Signers, signed.Signatures[0]);
    }
}
