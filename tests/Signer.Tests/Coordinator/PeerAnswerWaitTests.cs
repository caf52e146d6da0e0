using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Tests.Coordinator;

/// <summary>
/// The coordinator's one rule for waiting on its peers: a silent peer is given up on relative to the
/// first answer (3·T, at least the floor), a slow but live one inside that is waited for, and nobody
/// answering waits the whole limit. Limits are minutes where the old rule's wait would show, so a
/// pass proves the rule, not a race.
/// </summary>
public class PeerAnswerWaitTests
{
    [Fact]
    public async Task A_peer_silent_after_the_other_answered_is_given_up_on_at_the_floor_not_the_limit()
    {
        var silent = new TaskCompletionSource();
        var waited = await PeerAnswerWait.WaitAsync([Task.CompletedTask, silent.Task], TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(10),
            PeerAnswerWait.ThreeTimesFirst, TimeProvider.System, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(silent.Task.IsCompleted);
        Assert.True(waited < TimeSpan.FromMinutes(10), $"gave up at {waited}");
    }

    [Fact]
    public async Task A_live_peer_slower_than_the_first_but_within_three_times_its_time_is_waited_for()
    {
        // the floor (10 ms) alone would give up on the second peer; 3·T (T ≈ 1 s) keeps it
        var first = Task.Delay(TimeSpan.FromSeconds(1));
        var second = Task.Delay(TimeSpan.FromSeconds(1.2));
        await PeerAnswerWait.WaitAsync([first, second], TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10), PeerAnswerWait.ThreeTimesFirst, TimeProvider.System, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(second.IsCompleted);
    }

    [Fact]
    public async Task Nobody_answering_waits_the_whole_limit()
    {
        var a = new TaskCompletionSource();
        var b = new TaskCompletionSource();
        var limit = TimeSpan.FromMilliseconds(300);
        var waited = await PeerAnswerWait.WaitAsync([a.Task, b.Task], TimeSpan.FromMilliseconds(10), limit, PeerAnswerWait.ThreeTimesFirst, TimeProvider.System, CancellationToken.None);
        Assert.Equal(limit, waited);
    }

    [Fact]
    public void A_signing_round_gives_a_silent_peer_one_floor_past_a_late_first_answer_and_a_step_three_times_it()
    {
        var floor = TimeSpan.FromMilliseconds(500);
        Assert.Equal(floor, PeerAnswerWait.OneMoreFloor(TimeSpan.FromMilliseconds(200), floor));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), PeerAnswerWait.OneMoreFloor(TimeSpan.FromSeconds(2), floor));
        Assert.Equal(floor, PeerAnswerWait.ThreeTimesFirst(TimeSpan.FromMilliseconds(100), floor));
        Assert.Equal(TimeSpan.FromSeconds(6), PeerAnswerWait.ThreeTimesFirst(TimeSpan.FromSeconds(2), floor));
    }

    [Fact]
    public async Task No_peers_returns_at_once()
    {
        Assert.Equal(TimeSpan.Zero, await PeerAnswerWait.WaitAsync([], TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), PeerAnswerWait.OneMoreFloor, TimeProvider.System, CancellationToken.None));
    }
}
