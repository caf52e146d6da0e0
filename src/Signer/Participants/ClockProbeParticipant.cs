using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Clock;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// TriHaRd over the bus. A probe round sends every attested, reachable peer its trusted-clock
/// reading T1; the peer answers with T2 (receipt) and T3 (reply) from its own clock; on receipt
/// (T4) the peer's reading is taken at the exchange's midpoint with RTT = (T4 − T1) − (T3 − T2).
/// After the answers (or the timeout) the round is judged by the trusted clock; a change of
/// verdict (excluded / readmitted) is announced at once so coordinators stop or resume picking us.
/// </summary>
internal sealed class ClockProbeParticipant(NodeContext node, Func<CancellationToken, Task> announce)
    : IConsumer<ClockProbe>, IConsumer<ClockProbeAnswered>
{
    private readonly ConcurrentDictionary<(NodeId Peer, long T1), TaskCompletionSource> _outstanding = new();
    private long _round;

    public async Task Consume(ConsumeContext<ClockProbe> context)
    {
        var m = context.Message;
        if (m.To != node.Id || !node.Accepts(m.From, nameof(ClockProbe))) return;
        var t2 = node.Now().UtcTicks;
        var t3 = node.Now().UtcTicks;
        await node.Messenger.SendAsync(m.From, new ClockProbeAnswered(node.Id, m.From, m.T1Ticks, t2, t3), context.CancellationToken).ConfigureAwait(false);
    }

    public Task Consume(ConsumeContext<ClockProbeAnswered> context)
    {
        var m = context.Message;
        if (m.To != node.Id || !node.Accepts(m.From, nameof(ClockProbeAnswered))) return Task.CompletedTask;
        if (!_outstanding.TryRemove((m.From, m.T1Ticks), out var pending)) return Task.CompletedTask; // not ours, or late
        var t4 = node.Now().UtcTicks;
        var rtt = TimeSpan.FromTicks(t4 - m.T1Ticks - (m.T3Ticks - m.T2Ticks));
        if (rtt >= TimeSpan.Zero)
        {
            var peerTime = new DateTimeOffset(m.T2Ticks + ((m.T3Ticks - m.T2Ticks) / 2), TimeSpan.Zero);
            node.Clock.RecordPeerProbe(m.From, peerTime, rtt);
        }
        pending.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>One round: probe, wait for the answers (bounded by the round timeout), judge.</summary>
    public async Task<ClockVerdict> RunRoundAsync(CancellationToken cancellationToken)
    {
        var round = Interlocked.Increment(ref _round);
        var wasHealthy = node.ClockHealthy;
        var waits = new List<Task>();
        foreach (var peer in node.Peers.AttestedNodes())
        {
            if (node.Faults.Drops(peer)) continue;
            var t1 = node.Now().UtcTicks;
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _outstanding[(peer, t1)] = tcs;
            waits.Add(tcs.Task);
            if (!await node.Messenger.SendAsync(peer, new ClockProbe(node.Id, peer, t1), cancellationToken).ConfigureAwait(false))
                _outstanding.TryRemove((peer, t1), out _);
        }
        try { await Task.WhenAll(waits).WaitAsync(node.Options.RoundTimeout, node.Options.Time, cancellationToken).ConfigureAwait(false); }
        catch (TimeoutException) { }
        foreach (var key in _outstanding.Keys) _outstanding.TryRemove(key, out _);
        var verdict = node.Clock.EvaluateRound();
        if (verdict.ExcludedNow) SignerLog.ClockExcluded(node.Logger, node.Id, round);
        if (verdict.ReadmittedNow) SignerLog.ClockReadmitted(node.Logger, node.Id, round);
        if (wasHealthy != node.ClockHealthy) await announce(cancellationToken).ConfigureAwait(false);
        return verdict;
    }
}
