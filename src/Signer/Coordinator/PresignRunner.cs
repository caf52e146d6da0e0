using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Participants;
using MassTransit;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The coordinator's presigning runs: k fresh signature ids for one subset (this node + t−1 peers),
/// three steps (<see cref="PresignSteps"/>), each sent to every peer and run locally meanwhile, the
/// outputs relayed to their recipients; when every signer stored its k presignatures the ids go
/// into <see cref="PresignatureStock"/>. One run per (epoch, subset) at a time. A failure is a
/// <see cref="RoundOutcome"/> naming who to leave out: silent peers, and whom the failed checks
/// point at (<see cref="PresignBlame"/>).
/// </summary>
internal sealed class PresignRunner(NodeContext node, PresignSteps steps, PresignatureStock stock) : IConsumer<PresignStepAnswered>
{
    private readonly StepExchange<PresignStepAnswered> _exchange = new(node);
    private readonly ConcurrentDictionary<(int Epoch, string Subset), SemaphoreSlim> _gates = new();

    public Task Consume(ConsumeContext<PresignStepAnswered> context)
    {
        var m = context.Message;
        if (m.Coordinator == node.Id && node.Accepts(m.Participant, nameof(PresignStepAnswered)))
            _exchange.Deliver(m.Run, m.Participant, m.Step, m);
        return Task.CompletedTask;
    }

    /// <summary>Makes sure the subset has at least <paramref name="count"/> presignatures; null when it has, else why not.</summary>
    public async Task<RoundOutcome?> FillAsync(int epoch, IReadOnlyList<NodeId> peers, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var gate = _gates.GetOrAdd((epoch, PresignatureStock.SubsetKey(peers)), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // a batch larger than one run's maximum takes several runs
            var outdated = 0;
            for (var have = stock.Count(epoch, peers); have < count; have = stock.Count(epoch, peers))
            {
                // requests queue on this gate: once a run found a peer dead, the ones behind it must not each
                // wait it out again (a peer is marked timed out until it is heard from)
                if (TimedOut(peers) is { Count: > 0 } gone)
                    return RoundOutcome.Retry($"presign: {string.Join(",", gone)} did not answer an earlier run", gone, [], gone);
                var (failed, wasOutdated) = await RunAsync(epoch, peers, Math.Min(count - have, PresignSteps.MaxPerRun), cancellationToken).ConfigureAwait(false);
                if (failed is not null) return failed;
                // a forget during the run voided it; a peer that keeps causing forgets (stale refusals on demand)
                // must not keep this subset's gate and every member's CPU busy with runs that are thrown away
                if (wasOutdated && ++outdated >= MaxOutdatedRuns)
                    return RoundOutcome.Retry($"presign: {outdated} runs in a row voided by a forget of the epoch or a peer", [], [], []);
            }
            return null;
        }
        finally { gate.Release(); }
    }

    private List<NodeId> TimedOut(IReadOnlyList<NodeId> peers) =>
        [.. node.Peers.Snapshot().Where(p => p.TimedOut && peers.Contains(p.Node)).Select(p => p.Node)];

    /// <summary>Runs voided by a forget (<see cref="PresignatureStock.Add"/>) that one fill tolerates before it gives the attempt up.</summary>
    private const int MaxOutdatedRuns = 2;

    /// <summary>One run of k presignatures: why it failed, or whether a forget while it ran voided its ids (nothing stocked).</summary>
    private async Task<(RoundOutcome? Failed, bool Outdated)> RunAsync(int epoch, IReadOnlyList<NodeId> peers, int k, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // numbered before any step is sent: a forget of a peer or the epoch while it runs voids its ids
        var number = stock.NextRun();
        var run = RoundId.New();
        List<NodeId> signers = [node.Id, .. peers];
        var ids = Enumerable.Range(0, k).Select(_ => RandomNumberGenerator.GetBytes(32)).ToList();
        var first = await StepAsync(run, epoch, 1, signers, ids, k, _ => ([], []), cancellationToken).ConfigureAwait(false);
        if (!first.TryGet(out var r1, out var failed)) return (Failed(epoch, peers, failed), false);
        var second = await StepAsync(run, epoch, 2, signers, [], k, to =>
            ([.. r1.Where(a => a.Key != to).Select(a => a.Value.Broadcasts.Single())], Relay(r1, to)), cancellationToken).ConfigureAwait(false);
        if (!second.TryGet(out var r2, out failed)) return (Failed(epoch, peers, failed), false);
        var third = await StepAsync(run, epoch, 3, signers, [], k, to => ([], Relay(r2, to)), cancellationToken).ConfigureAwait(false);
        if (!third.TryGet(out _, out failed)) return (Failed(epoch, peers, failed), false);
        if (!stock.Add(epoch, peers, number, ids))
        {
            SignerLog.PresignOutdated(node.Logger, node.Id, k, string.Join(",", peers), epoch);
            return (null, true);                          // FillAsync counts again and starts a fresh run
        }
        SignerLog.Presigned(node.Logger, node.Id, k, string.Join(",", peers), epoch, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return (null, false);
    }

    /// <summary>What every other signer sent to <paramref name="to"/> in the previous step.</summary>
    private static List<PresignPayloads> Relay(Dictionary<NodeId, PresignStepAnswered> answers, NodeId to) =>
        [.. answers.Where(a => a.Key != to).Select(a => new PresignPayloads(a.Key, a.Value.ToPeers.FirstOrDefault(p => p.Node == to)?.Items ?? []))];

    private async Task<CcTsa.Crypto.Common.Result<Dictionary<NodeId, PresignStepAnswered>, RoundOutcome>> StepAsync(RoundId run, int epoch, int step,
        List<NodeId> signers, List<byte[]> ids, int k, Func<NodeId, (List<PresignPayloads> Broadcasts, List<PresignPayloads> FromPeers)> inputs,
        CancellationToken cancellationToken)
    {
        var peers = signers.Where(s => s != node.Id).ToList();
        PresignStepRequested To(NodeId p)
        {
            var (broadcasts, fromPeers) = inputs(p);
            return new PresignStepRequested(run, node.Id, p, new KeyEpoch(epoch), step, signers, ids, broadcasts, fromPeers);
        }
        var exchanged = await _exchange.RunAsync(run, step, peers, To, () => steps.Answer(To(node.Id)), cancellationToken).ConfigureAwait(false);
        if (exchanged.FromPeers is not { } answers)
            return Fail(RoundOutcome.Retry($"presign step {step}: no answer from {string.Join(",", exchanged.Silent)}", exchanged.Silent, [], exchanged.Silent));
        var own = exchanged.Own;
        answers[node.Id] = own;
        if (answers.Values.Where(a => a.Failure is not null).ToList() is { Count: > 0 } failures)
            return Fail(PresignBlame.Outcome(node.Id, step, peers, failures));
        // shapes checked here, so a malformed output is its sender's fault, not its recipient's
        var misshapen = peers.Where(p => !WellShaped(answers[p], step, signers, k)).ToList();
        if (misshapen.Count > 0)
            return Fail(RoundOutcome.Retry($"presign step {step}: malformed output from {string.Join(",", misshapen)}", misshapen, misshapen, []));
        return answers;
    }

    /// <summary>Step 1: one broadcast of its own; steps 1–2: payloads for every other signer; all with the run's item count.</summary>
    private static bool WellShaped(PresignStepAnswered a, int step, List<NodeId> signers, int k)
    {
        if (step == 3) return true;
        var count = k;
        var others = signers.Where(s => s != a.Participant).ToHashSet();
        return (step != 1 || a.Broadcasts is [{ } b] && b.Node == a.Participant && b.Items?.Count == count)
            && a.ToPeers is not null && a.ToPeers.Count == others.Count && a.ToPeers.All(t => others.Contains(t.Node) && t.Items?.Count == count)
            && a.ToPeers.Select(t => t.Node).Distinct().Count() == others.Count;
    }

    private RoundOutcome Failed(int epoch, IReadOnlyList<NodeId> peers, RoundOutcome why)
    {
        SignerLog.PresignFailed(node.Logger, node.Id, string.Join(",", peers), epoch, why.Reason ?? "", string.Join(",", why.Culprits));
        return why;
    }

    private static CcTsa.Crypto.Common.Result<Dictionary<NodeId, PresignStepAnswered>, RoundOutcome> Fail(RoundOutcome why) =>
        CcTsa.Crypto.Common.Result<Dictionary<NodeId, PresignStepAnswered>, RoundOutcome>.Fail(why);
}
