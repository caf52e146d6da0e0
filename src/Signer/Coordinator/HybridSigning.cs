using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Pki;
using CcTsa.Signer.Purposes;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// A hybrid batch (issue 16): the classical and the ML-DSA-65 signature of each token over the same
/// DER signed attributes, and no signer of either half ever asked to sign a genTime older than its
/// window. Threshold ML-DSA rejects about 4 runs in 10 and a run takes three round trips, so signing
/// the post-quantum half to completion first left the items signed in the first run aging through
/// every later run, until the classical signers refused their genTime as late. Instead the batch
/// goes in passes. Each pass first commits one ML-DSA run for the items still unsigned (the slow,
/// message-independent step, before any stamp), then stamps them afresh and has the classical scheme
/// sign them — a whole pipeline job, free to stamp again on its own retries and presigning waits —
/// then reveals and responds in that committed run over exactly those signed attributes, keeping
/// the items the run rejected. Items the run signed are done. A rejected item goes to the next pass
/// with its classical signature while its genTime is younger than <see cref="KeepLimit"/> when that
/// pass starts (the next run signs the same attributes: no new classical round, no presignature
/// spent); an older one's signature is dropped (never released) and the item is stamped again with
/// a new genTime and serial. A genTime thus reaches the ML-DSA signers at most one classical round,
/// one run and one reveal old, however many runs an item needs, and every signer still checks every
/// field against its own clock. Should
/// the ML-DSA job have to commit anew or retry once the stamps aged past <see cref="ReuseLimit"/>,
/// the items go back to a new pass rather than be offered stale.
/// </summary>
internal sealed class HybridSigning(NodeContext node, SigningPipeline classical, SigningPipeline postQuantum, Rfc3161Purpose timestamps)
{
    /// <summary>Passes before the batch is given up, retryable: twice the pipeline's runs of one item, as a pass also restarts after a stale stamp.</summary>
    public const int MaxPasses = 2 * SigningPipeline.MaxRuns;

    /// <summary>
    /// How old a classically signed genTime may be when the ML-DSA job (re)starts on it: the signers'
    /// lag window (accuracy + network allowance) less half the allowance, kept for the reveal and the
    /// response request still to come.
    /// </summary>
    private TimeSpan ReuseLimit => node.Options.TokenAccuracy + node.Options.GenTimeNetworkAllowance / 2;

    public async Task<object> SignAsync(SignTimestampBatch batch, TsaPolicy policy, EpochCertificate postQuantumCertificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(postQuantumCertificate);
        var count = batch.Items.Count;
        // an item's classical signature over its current stamp: kept while the ML-DSA runs reject the item
        // and its genTime stays young, so a rejected item costs the classical scheme nothing more (a DKLs23
        // presignature is ~18 ms of arithmetic); an item restamped gets a new one
        var classicalSignatures = new byte[]?[count];
        var postQuantumSignatures = new byte[count][];
        var signers = new List<NodeId>(); // coordinator first, as in every signed answer
        var silent = new List<NodeId>();
        BatchTokens? current = null;
        SchemeEpoch? classicalKey = null, postQuantumKey = null;
        IReadOnlyList<int> pending = [.. Enumerable.Range(0, count)];
        for (var pass = 1; pending.Count > 0; pass++)
        {
            if (pass > MaxPasses)
                return Failed(batch, SigningFailureReason.PeersFailed,
                    $"{pending.Count} item(s) still unsigned after {MaxPasses} passes ({policy.Scheme} round, then {policy.PostQuantumScheme} run)", true);
            var todo = pending;
            if (current is { } previous)
                foreach (var i in todo)
                    if (Aged(previous, i, KeepLimit)) classicalSignatures[i] = null;
            IReadOnlyList<int> unsigned = [.. todo.Where(i => classicalSignatures[i] is null)];
            await postQuantum.WarmAsync(batch.Epoch.Number, batch.Avoid ?? [], todo.Count, cancellationToken).ConfigureAwait(false);
            if (unsigned.Count > 0)
            {
                Result<BatchItems, SigningRefusal> Stamp(SchemeEpoch _)
                {
                    var stamped = current is null ? timestamps.Prepare(batch, policy.Scheme) : timestamps.Restamp(current, unsigned);
                    if (!stamped.TryGet(out var tokens, out var refusal)) return Result<BatchItems, SigningRefusal>.Fail(refusal);
                    current = tokens;
                    return new BatchItems(tokens, unsigned);
                }
                var first = await classical.SignAsync(Job(batch, Stamp, keepRejected: false), cancellationToken).ConfigureAwait(false);
                if (!first.TryGet(out var classicallySigned, out var classicalFailure)) return Named(classicalFailure, policy.Scheme);
                for (var k = 0; k < classicallySigned.Prepared.Indices.Count; k++)
                    classicalSignatures[classicallySigned.Prepared.Indices[k]] = classicallySigned.Of(k);
                classicalKey = classicallySigned.Key;
                Join(signers, classicallySigned.Signers);
                Join(silent, classicallySigned.Silent);
            }

            var items = new BatchItems(current!, todo);
            var stale = false;
            Result<BatchItems, SigningRefusal> Same(SchemeEpoch _)
            {
                if (StaleItem(items) is not { } old) return items;
                stale = true;
                return Result<BatchItems, SigningRefusal>.Fail(new(SigningFailureReason.PeersFailed,
                    $"item {old}'s genTime aged past {ReuseLimit.TotalMilliseconds:0} ms before its {policy.PostQuantumScheme} run", true, PassRestart: true));
            }
            var second = await postQuantum.SignAsync(Job(batch, Same, keepRejected: true), cancellationToken).ConfigureAwait(false);
            if (!second.TryGet(out var postQuantumSigned, out var postQuantumFailure))
            {
                if (stale) continue; // the aged items are stamped again in the next pass, both halves anew
                return Named(postQuantumFailure, policy.PostQuantumScheme!);
            }
            postQuantumKey = postQuantumSigned.Key;
            Join(signers, postQuantumSigned.Signers);
            Join(silent, postQuantumSigned.Silent);
            var done = new List<int>();
            for (var k = 0; k < items.Indices.Count; k++)
            {
                if (postQuantumSigned.Signatures[k] is not { } pq) continue;
                var i = items.Indices[k];
                postQuantumSignatures[i] = pq;
                done.Add(i);
            }
            pending = [.. todo.Except(done)];
        }
        var tokens = Enumerable.Range(0, count).Select(i => current!.CompleteHybrid(i, classicalSignatures[i]!, classicalKey!.GroupKey.Span,
            postQuantumSignatures[i], postQuantumCertificate, postQuantumKey!.GroupKey.Span)).ToList();
        return new TimestampBatchSigned(batch.Batch, node.Id, batch.Epoch, signers, tokens, silent);
    }

    /// <summary>
    /// How old a kept classical signature's genTime may be when a pass starts: half of <see cref="ReuseLimit"/>,
    /// so the pass's commitment round and the other items' classical round still fit before the ML-DSA job's check.
    /// </summary>
    private TimeSpan KeepLimit => ReuseLimit / 2;

    /// <summary>The first item whose genTime is older than <see cref="ReuseLimit"/> on this node's clock, or null.</summary>
    private int? StaleItem(BatchItems items) => items.Indices.Where(i => Aged(items.Batch, i, ReuseLimit)).Cast<int?>().FirstOrDefault();

    private bool Aged(BatchTokens tokens, int index, TimeSpan limit) => node.Now() - tokens.GenTimeOf(index) > limit;

    private static void Join(List<NodeId> signers, IEnumerable<NodeId> more) => signers.AddRange(more.Where(s => !signers.Contains(s)).Distinct());

    private static SigningJob<BatchItems> Job(SignTimestampBatch batch, Func<SchemeEpoch, Result<BatchItems, SigningRefusal>> prepare, bool keepRejected) =>
        new(batch.Batch, batch.Epoch.Number, Rfc3161Purpose.Name, batch.Avoid ?? [], prepare, null, keepRejected);

    private SigningFailed Failed(SignTimestampBatch batch, SigningFailureReason reason, string detail, bool retryable) =>
        new(batch.Batch, node.Id, reason, $"{TsaPolicies.Hybrid.Name} token: {detail}", retryable, [], []);

    private static SigningFailed Named(SigningFailed failed, string scheme) => failed with { Detail = $"{scheme} signature of the hybrid token: {failed.Detail}" };
}
