using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Participants;
using MassTransit;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The coordinator's opening of a threshold ML-DSA-65 run over k items with t−1 peers: step 1
/// (every signer commits), step 2 (every signer gets all commitments and the messages, and
/// reveals W), each sent to the peers and run locally meanwhile through the same
/// <see cref="MlDsaSteps"/>; then this node checks every reveal against its commitment on its own
/// states, so a bad reveal names its sender before it is relayed. The response round is the
/// pipeline's. A failure is a <see cref="RoundOutcome"/> naming whom to leave out.
/// </summary>
internal sealed class MlDsaRoundRunner(NodeContext node, MlDsaSteps steps) : IConsumer<MlDsaRoundAnswered>
{
    private readonly StepExchange<MlDsaRoundAnswered> _exchange = new(node);

    /// <summary>The opened run: its id, the signers (coordinator first) and, per item, every signer's reveal.</summary>
    public sealed record Opened(RoundId Run, IReadOnlyList<NodeId> Signers, SignerSet Set, IReadOnlyList<IReadOnlyList<Reveal>> Reveals);

    public Task Consume(ConsumeContext<MlDsaRoundAnswered> context)
    {
        var m = context.Message;
        if (m.Coordinator == node.Id && node.Accepts(m.Participant, nameof(MlDsaRoundAnswered)))
            _exchange.Deliver(m.Run, m.Participant, m.Step, m);
        return Task.CompletedTask;
    }

    /// <summary>Step 1 at every signer for <paramref name="count"/> items: message independent, so it may run before the messages are stamped.</summary>
    public async Task<Result<Committed, RoundOutcome>> CommitAsync(int epoch, IReadOnlyList<NodeId> peers, int count, CancellationToken cancellationToken)
    {
        var run = RoundId.New();
        List<NodeId> signers = [node.Id, .. peers];
        var set = SignerSet.Of(signers.Select(ParticipantId.FromNode));
        var ordered = signers.OrderBy(s => s.Index).ToList();
        var first = await StepAsync(run, epoch, 1, signers, count, [], [], cancellationToken).ConfigureAwait(false);
        if (!first.TryGet(out var committed, out var failed))
        {
            steps.Abandon(node.Id, run);
            return Result<Committed, RoundOutcome>.Fail(failed);
        }
        IReadOnlyList<IReadOnlyList<byte[]>> commitments = [.. Enumerable.Range(0, count).Select(i => (IReadOnlyList<byte[]>)[.. ordered.Select(s => committed[s][i])])];
        return new Committed(epoch, run, signers, set, commitments, node.Options.Time.GetTimestamp());
    }

    /// <summary>Step 2 of a committed run over the (stamped) messages, then this node's check of every reveal.</summary>
    public async Task<Result<Opened, RoundOutcome>> RevealAsync(Committed committed, IReadOnlyList<byte[]> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var (run, signers) = (committed.Run, committed.Signers);
        var ordered = signers.OrderBy(s => s.Index).ToList();
        var second = await StepAsync(run, committed.Epoch, 2, [.. signers], messages.Count, messages, committed.Commitments, cancellationToken).ConfigureAwait(false);
        if (!second.TryGet(out var revealed, out var failed)) return Abandon(run, failed);
        IReadOnlyList<IReadOnlyList<Reveal>> reveals = [.. Enumerable.Range(0, messages.Count)
            .Select(i => (IReadOnlyList<Reveal>)[.. ordered.Select(s => new Reveal(ParticipantId.FromNode(s), revealed[s][i]))])];
        if (steps.CheckOwn(run, reveals) is { } bad)
        {
            var culprits = bad.Culprits.Select(c => NodeId.FromIndex(c.Value)).Where(c => c != node.Id).ToList();
            return Abandon(run, culprits.Count > 0
                ? RoundOutcome.Retry($"ML-DSA reveal check: {bad}", culprits, culprits, [])
                : RoundOutcome.Abort($"ML-DSA reveal check failed on the coordinator: {bad}"));
        }
        return new Opened(run, signers, committed.Set, reveals);
    }

    /// <summary>A committed run not yet revealed for: its id, signers (coordinator first), set and every signer's commitments per item (ascending node order).</summary>
    public sealed record Committed(int Epoch, RoundId Run, IReadOnlyList<NodeId> Signers, SignerSet Set, IReadOnlyList<IReadOnlyList<byte[]>> Commitments, long At);

    /// <summary>Drops this node's own states of a committed run that will not be revealed for.</summary>
    public void Forget(Committed committed) => steps.Abandon(node.Id, committed.Run);

    private Result<Opened, RoundOutcome> Abandon(RoundId run, RoundOutcome why)
    {
        steps.Abandon(node.Id, run);
        return Result<Opened, RoundOutcome>.Fail(why);
    }

    /// <summary>One step at every signer: the items each answered, or whom to leave out (silent, failed, blamed, misshapen).</summary>
    private async Task<Result<Dictionary<NodeId, IReadOnlyList<byte[]>>, RoundOutcome>> StepAsync(RoundId run, int epoch, int step, List<NodeId> signers, int count,
        IReadOnlyList<byte[]> messages, IReadOnlyList<IReadOnlyList<byte[]>> commitments, CancellationToken cancellationToken)
    {
        var peers = signers.Where(s => s != node.Id).ToList();
        MlDsaRoundRequested To(NodeId p) => new(run, node.Id, p, new KeyEpoch(epoch), step, count, signers, messages, commitments);
        var exchanged = await _exchange.RunAsync(run, step, peers, To, () => steps.Answer(To(node.Id)), cancellationToken).ConfigureAwait(false);
        if (exchanged.FromPeers is not { } answers)
            return Fail(RoundOutcome.Retry($"ML-DSA step {step}: no answer from {string.Join(",", exchanged.Silent)}", exchanged.Silent, [], exchanged.Silent));
        var own = exchanged.Own;
        if (own.Failure is not null) return Fail(RoundOutcome.Abort($"ML-DSA step {step} failed on the coordinator: {own.Failure}"));
        if (answers.Values.Where(a => a.Failure is not null).ToList() is { Count: > 0 } failures)
        {
            // a peer's word against another is not proof: both the accuser and the accused sit out the retry, nobody is named
            var exclude = failures.SelectMany(a => (a.Culprits ?? []).Where(c => c != node.Id).Append(a.Participant)).Distinct().ToList();
            return Fail(RoundOutcome.Retry($"ML-DSA step {step}: " + string.Join("; ", failures.Select(a => $"{a.Participant}: {a.Failure}")), exclude, [], []));
        }
        var size = step == 1 ? ThresholdParams.CommitmentBytes : ThresholdParams.RevealBytes;
        var misshapen = peers.Where(p => answers[p].Items is not { } items || items.Count != count || items.Any(i => i is null || i.Length != size)).ToList();
        if (misshapen.Count > 0)
            return Fail(RoundOutcome.Retry($"ML-DSA step {step}: malformed answer from {string.Join(",", misshapen)}", misshapen, misshapen, []));
        var result = answers.ToDictionary(a => a.Key, a => a.Value.Items);
        result[node.Id] = own.Items;
        return result;
    }

    private static Result<Dictionary<NodeId, IReadOnlyList<byte[]>>, RoundOutcome> Fail(RoundOutcome why) =>
        Result<Dictionary<NodeId, IReadOnlyList<byte[]>>, RoundOutcome>.Fail(why);
}
