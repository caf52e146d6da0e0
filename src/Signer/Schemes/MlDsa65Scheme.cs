using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.MlDsa;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Participants;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// Threshold ML-DSA-65 (3-of-5, after ePrint 2026/013) for the signing pipeline. The commit step
/// is message independent (hash commitments to fresh nonces, bound to run, item and signer set):
/// it runs as the round's "stock" before the messages are stamped, so a genTime does not age
/// through it. Reveal (which fixes the message) and respond come after stamping: W is revealed only
/// once every commitment and the message are fixed, as the protocol requires
/// (<see cref="MlDsaRoundRunner"/>); the pipeline's one round trip is the response. A
/// run is rejected by the hyperball test about 4 times in 10 (62 slots per run); the pipeline runs
/// the rejected items again with fresh nonces. The group key is the FIPS 204 public key (1952 bytes).
/// </summary>
internal sealed class MlDsa65Scheme(NodeContext node, MlDsaRoundRunner runner, MlDsaSteps steps) : IThresholdScheme
{
    public const string SchemeName = "ml-dsa-65";

    private readonly System.Collections.Concurrent.ConcurrentQueue<MlDsaRoundRunner.Committed> _committed = new();

    public string Name => SchemeName;

    public int MaxItemsPerRound => MlDsaSteps.MaxPerRun;

    public SchemeEpoch? Describe(int epoch) =>
        node.Vault.Use(epoch, s => s.MlDsa is { } m ? new SchemeEpoch(epoch, ThresholdParams.T, m.PublicKey.Encoding.ToArray(), SchemeName) : null, out var d)
            ? d : null;

    /// <summary>Commitments are made per signer set, never per peer.</summary>
    public int Stocked(NodeId peer, int epoch) => 0;

    /// <summary>Items of fresh runs committed ahead for exactly this subset (a hybrid pass commits before it stamps): the selector prefers it.</summary>
    public int Stocked(IReadOnlyList<NodeId> peers, int epoch) => CommittedFor(epoch, peers).Sum(c => c.Commitments.Count);

    /// <summary>The construction is 3-of-5 over party indices 1..5; whether the peer holds its share shows in its answer.</summary>
    public bool CanSignWith(NodeId peer, int epoch) => peer.Index is >= 1 and <= ThresholdParams.N;

    public void Restock(NodeId peer) { }

    /// <summary>
    /// Commits for the batch (in runs of at most <see cref="MaxItemsPerRound"/> items) before the
    /// pipeline stamps the messages — unless fresh runs committed ahead for this subset already
    /// cover every run the batch needs; then nothing is waited for and the stamps stay as they are.
    /// </summary>
    public async Task<(RoundOutcome? NotReady, bool Waited)> EnsureStockAsync(int epoch, IReadOnlyList<NodeId> peers, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var ahead = CommittedFor(epoch, peers).GroupBy(c => c.Commitments.Count).ToDictionary(g => g.Key, g => g.Count());
        var needed = Enumerable.Range(0, (count + MaxItemsPerRound - 1) / MaxItemsPerRound).Select(r => Math.Min(MaxItemsPerRound, count - r * MaxItemsPerRound));
        if (needed.GroupBy(n => n).All(g => ahead.GetValueOrDefault(g.Key) >= g.Count())) return (null, false);
        for (var left = count; left > 0; left -= MaxItemsPerRound)
        {
            var committed = await runner.CommitAsync(epoch, peers, Math.Min(left, MaxItemsPerRound), cancellationToken).ConfigureAwait(false);
            if (!committed.TryGet(out var run, out var failed)) return (failed, true);
            _committed.Enqueue(run);
        }
        return (null, true);
    }

    public async Task<Result<ISchemeRound, RoundOutcome>> OpenRoundAsync(int epoch, IReadOnlyList<NodeId> peers, IReadOnlyList<byte[]> messages,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(messages);
        if (!node.Vault.Use(epoch, s => s.MlDsa?.PublicKey, out var publicKey) || publicKey is null)
            return Result<ISchemeRound, RoundOutcome>.Fail(RoundOutcome.Abort("coordinator holds no threshold ML-DSA-65 share of the epoch"));
        if (messages.Count > MlDsaSteps.MaxPerRun)
            return Result<ISchemeRound, RoundOutcome>.Fail(RoundOutcome.Abort($"an ML-DSA round carries at most {MlDsaSteps.MaxPerRun} items, not {messages.Count}"));
        // a run committed ahead for exactly this subset and item count, else (a rejected item's new run) commit now
        var committed = TakeCommitted(epoch, peers, messages.Count);
        if (committed is null)
        {
            var fresh = await runner.CommitAsync(epoch, peers, messages.Count, cancellationToken).ConfigureAwait(false);
            if (!fresh.TryGet(out committed, out var notCommitted)) return Result<ISchemeRound, RoundOutcome>.Fail(notCommitted);
        }
        var opened = await runner.RevealAsync(committed, messages, cancellationToken).ConfigureAwait(false);
        if (!opened.TryGet(out var run, out var failed)) return Result<ISchemeRound, RoundOutcome>.Fail(failed);
        return new MlDsaRound(node, steps, epoch, run, messages, publicKey);
    }

    private IEnumerable<MlDsaRoundRunner.Committed> CommittedFor(int epoch, IReadOnlyList<NodeId> peers) =>
        _committed.Where(c => Fresh(c) && c.Epoch == epoch && c.Signers.Skip(1).SequenceEqual(peers));

    private bool Fresh(MlDsaRoundRunner.Committed c) => node.Options.Time.GetElapsedTime(c.At) < node.Options.RoundTimeout;

    /// <summary>
    /// The oldest committed run for this epoch, subset and count that is still fresh; stale or
    /// mismatched ones met on the way are dropped (their peers evict their states by age).
    /// </summary>
    private MlDsaRoundRunner.Committed? TakeCommitted(int epoch, IReadOnlyList<NodeId> peers, int count)
    {
        var keep = new List<MlDsaRoundRunner.Committed>();
        MlDsaRoundRunner.Committed? found = null;
        while (found is null && _committed.TryDequeue(out var c))
        {
            var fresh = Fresh(c);
            if (fresh && c.Epoch == epoch && c.Commitments.Count == count && c.Signers.Skip(1).SequenceEqual(peers)) found = c;
            else if (fresh) keep.Add(c);
            else runner.Forget(c);
        }
        foreach (var c in keep) _committed.Enqueue(c);
        return found;
    }

    public Result<IReadOnlyList<byte[]>, ShareRefusal> ProduceShares(int epoch, NodeId coordinator, IReadOnlyList<NodeId> signers, IReadOnlyList<ShareItem> items) =>
        steps.Respond(epoch, coordinator, signers, items);
}
