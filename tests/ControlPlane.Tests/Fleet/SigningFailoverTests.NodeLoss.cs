using System.Diagnostics;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// The failover while nodes are being lost (the two-node-loss scenario's 503s, session 7's CI): a
/// coordinator the roster loses stops holding one of the two "asked" slots, and the avoid list never
/// leaves a coordinator fewer than t−1 peers to sign with.
/// </summary>
public sealed partial class SigningFailoverTests
{
    [Fact]
    public async Task A_coordinator_lost_while_asked_frees_its_slot_and_the_next_is_asked_at_once()
    {
        // n1 and its hedge n2 both silent; the hard timeout is 10 minutes, so only freeing n1's slot when
        // the roster loses it (heartbeats stopped) lets n3 be asked within this test's 60 s
        _answers[N(3)] = m => new RawMessageSigned(m.Round, N(3), m.Epoch, [N(3), N(4), N(5)], Signature);
        var (signer, _) = Hedging(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(50));

        var signing = signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None);
        while (_received.Count < 2) await Task.Delay(20);
        Assert.False(signing.IsCompleted);
        _state.Update(r => (r.WithOffline(N(1)), 0));
        var signed = await signing.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Signature, signed.Value);
        Assert.Equal([N(1), N(2), N(3)], _received.Select(t => t.Node).OrderBy(n => n.Index));
    }

    [Fact]
    public async Task A_batch_stuck_at_a_coordinator_that_answers_other_batches_is_hedged_at_the_deadline()
    {
        // n1 holds one batch (10 minutes, past the hard timeout's reach in this test) while it answers the others
        // at once. "Busy, not dead" kept such a batch from being hedged until the answer bound: 12 s requests
        // under load. The hedge deadline is the same for it as for a dead coordinator's
        _delays[N(1)] = m => m.Message is [1] ? TimeSpan.FromMinutes(10) : TimeSpan.Zero;
        _answers[N(1)] = m => new RawMessageSigned(m.Round, N(1), m.Epoch, [N(1), N(2), N(3)], Signature);
        _answers[N(2)] = m => new RawMessageSigned(m.Round, N(2), m.Epoch, [N(2), N(3), N(4)], Signature);
        var (signer, _) = Hedging(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(200));

        var stuck = signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None);
        var waited = Stopwatch.StartNew();
        while (!stuck.IsCompleted)
        {
            // a bound on a hang, not a timing claim: the deadline is 200 ms, the answer bound 10 minutes
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the stuck batch was never hedged");
            Assert.True((await signer.SignAsync(new KeyEpoch(1), new byte[] { 2 }, CancellationToken.None)).IsOk);
            await Task.Delay(10);
        }

        Assert.Equal(Signature, (await stuck.WaitAsync(TimeSpan.FromSeconds(60))).Value);
        Assert.Equal([N(1), N(2)], _received.Where(t => t.Request.Message is [1]).Select(t => t.Node));
    }

    [Fact]
    public async Task A_coordinator_suspected_while_asked_frees_its_slot_and_the_next_is_asked_at_once()
    {
        // n1 and its hedge n2 both silent: no third coordinator is asked while both are awaited. Then n1
        // is suspected (another batch's hedge won while it was silent, no heartbeat since): n3 is asked
        // without waiting for the roster to declare n1 lost
        _answers[N(3)] = m => new RawMessageSigned(m.Round, N(3), m.Epoch, [N(3), N(4), N(5)], Signature);
        var (signer, suspects) = Hedging(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(50));

        var signing = signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None);
        while (_received.Count < 2) await Task.Delay(20);
        await Task.Delay(500);
        Assert.Equal(2, _received.Count);
        suspects.Suspect(N(1), DateTimeOffset.UtcNow.AddMinutes(1));
        var signed = await signing.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Signature, signed.Value);
        Assert.Equal([N(1), N(2), N(3)], _received.Select(t => t.Node).OrderBy(n => n.Index));
    }

    [Fact]
    public async Task Suspects_free_hedge_slots_but_no_more_than_three_coordinators_are_asked_at_once()
    {
        // every coordinator silent; n1 and n2 suspected while asked: n3 is asked beside them, and no fourth
        var (signer, suspects) = Hedging(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50));
        var signing = signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None);
        while (_received.Count < 2) await Task.Delay(10);
        suspects.Suspect(N(1), DateTimeOffset.UtcNow.AddMinutes(1));
        suspects.Suspect(N(2), DateTimeOffset.UtcNow.AddMinutes(1));
        while (_received.Count < 3) await Task.Delay(10);
        await Task.Delay(300);
        Assert.Equal([N(1), N(2), N(3)], _received.Select(t => t.Node).OrderBy(n => n.Index));
        Assert.False((await signing).IsOk); // then timeouts: n4 and n5 are asked in turn, and nobody answers
    }

    [Fact]
    public async Task With_two_nodes_lost_a_silent_coordinator_is_not_avoided_when_the_next_needs_it_to_sign()
    {
        // n1 and n4 lost; n2 (busy) silent as a coordinator: n3's only peers are n2 and n5, so its avoid
        // list names the lost nodes only — avoiding n2 too would make n3 ignore the whole list and
        // perhaps pick a dead node
        _state.Update(r => (r.WithOffline(N(1)).WithOffline(N(4)), 0));
        _answers[N(3)] = m => new RawMessageSigned(m.Round, N(3), m.Epoch, [N(3), N(2), N(5)], Signature);
        var (signer, _) = Hedging(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(50));

        var signed = await signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Signature, signed.Value);
        var asked = _received.ToArray();
        Assert.Equal([N(2), N(3)], asked.Select(t => t.Node).OrderBy(n => n.Index));
        Assert.Equal([N(1), N(4)], asked.Single(t => t.Node == N(3)).Request.Avoid);
    }

    [Fact]
    public async Task A_peer_a_signed_answer_names_unresponsive_is_avoided_by_the_next_request_when_the_answer_is_the_coordinators()
    {
        // n1 signed after n2 timed out in its first attempt: the next request, whoever coordinates it,
        // avoids n2 at once instead of waiting out its own timeout on it
        _answers[N(1)] = m => new RawMessageSigned(m.Round, N(1), m.Epoch, [N(1), N(3), N(5)], Signature, Unresponsive: [N(2)]);
        Assert.Equal(Signature, (await _signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None)).Value);
        Assert.Equal(Signature, (await _signer.SignAsync(new KeyEpoch(1), new byte[] { 2 }, CancellationToken.None)).Value);
        var tries = _received.ToArray();
        Assert.Equal([N(1), N(1)], tries.Select(t => t.Node));
        Assert.Empty(tries[0].Request.Avoid!);
        Assert.Equal([N(2)], tries[1].Request.Avoid);

        // the same answer not signed by n1's attested key (anyone on the bus could have sent it): its
        // tokens are checked elsewhere, its list is not believed and nobody is suspected
        var options = new FleetOptions { SigningTimeout = TimeSpan.FromSeconds(5), SigningPatience = TimeSpan.Zero }.WithoutHedge();
        var check = new NodeMessageCheck(_ => new byte[32], NullLogger.Instance);
        var failover = new SigningFailover(_bus, _state, options, new FleetMetrics(), new SuspectedNodes(), TimeProvider.System,
            NullLogger<SigningFailover>.Instance, check);
        var signer = new BusThresholdSigner(failover, options);
        Assert.Equal(Signature, (await signer.SignAsync(new KeyEpoch(1), new byte[] { 3 }, CancellationToken.None)).Value);
        Assert.Equal(Signature, (await signer.SignAsync(new KeyEpoch(1), new byte[] { 4 }, CancellationToken.None)).Value);
        Assert.Empty(_received.ToArray()[^1].Request.Avoid!);
        Assert.Equal(2, check.Dropped); // both answers' lists ignored
    }

    [Fact]
    public async Task An_older_answer_replayed_as_this_requests_reply_gets_nobody_suspected()
    {
        // a genuine signed answer to another round (a hedge loser's, or one that came after its timeout) names n2
        _answers[N(1)] = m => new RawMessageSigned(RoundId.New(), N(1), m.Epoch, [N(1), N(3), N(5)], Signature, Unresponsive: [N(2)]);
        Assert.Equal(Signature, (await _signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None)).Value);
        Assert.Equal(Signature, (await _signer.SignAsync(new KeyEpoch(1), new byte[] { 2 }, CancellationToken.None)).Value);
        Assert.Empty(_received.ToArray()[^1].Request.Avoid!);
    }

    [Fact]
    public async Task A_peer_a_signed_answer_names_unresponsive_but_also_as_a_signer_is_not_suspected()
    {
        // a hybrid batch: n2 timed out in one half's first attempt and signed the other half
        _answers[N(1)] = m => new RawMessageSigned(m.Round, N(1), m.Epoch, [N(1), N(2), N(3)], Signature, Unresponsive: [N(2)]);
        Assert.Equal(Signature, (await _signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None)).Value);
        Assert.Equal(Signature, (await _signer.SignAsync(new KeyEpoch(1), new byte[] { 2 }, CancellationToken.None)).Value);
        Assert.Empty(_received.ToArray()[^1].Request.Avoid!);
    }
}
