using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Tests.Coordinator;

/// <summary>
/// An answer to a commitment request made before the coordinator forgot a peer's stock (the peer
/// refused with stale commitments after a refresh replaced its pool, or it restarted) is dropped:
/// otherwise a batch still on the bus refills the stock with the same dead commitments and every
/// retry meets them again (seen on RabbitMQ: "no subset signed in 3 attempts: n3 refused: item 0: UnknownCommitment").
/// </summary>
public class CommitmentStockTests
{
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");

    [Fact]
    public void An_answer_to_a_request_made_before_the_peer_was_forgotten_is_dropped()
    {
        var stock = new CommitmentStock();
        var before = stock.NextRequest();
        stock.Forget(N3);
        var after = stock.NextRequest();

        Assert.False(stock.Add(N3, 1, before, Commitments(N3, 4)));
        Assert.Equal(0, stock.Count(N3, 1));
        Assert.True(stock.Add(N3, 1, after, Commitments(N3, 4)));
        Assert.Equal(4, stock.Count(N3, 1));
        // another peer's answer to the early request is unaffected: only n3 was forgotten
        Assert.True(stock.Add(N2, 1, before, Commitments(N2, 2)));
        Assert.Equal(2, stock.Count(N2, 1));
    }

    [Fact]
    public void Forgetting_an_epoch_drops_earlier_answers_for_that_epoch_only()
    {
        var stock = new CommitmentStock();
        var before = stock.NextRequest();
        stock.ForgetEpoch(1);

        Assert.False(stock.Add(N3, 1, before, Commitments(N3, 3)));
        Assert.True(stock.Add(N3, 2, before, Commitments(N3, 3)));
        Assert.True(stock.Add(N3, 1, stock.NextRequest(), Commitments(N3, 3)));
        Assert.Equal(3, stock.Count(N3, 1));
        Assert.Equal(3, stock.Count(N3, 2));
    }

    [Fact]
    public async Task A_dropped_answer_does_not_wake_a_waiting_round_but_a_fresh_one_does()
    {
        var stock = new CommitmentStock();
        var before = stock.NextRequest();
        stock.Forget(N3);
        var refill = stock.NextRefillAsync(N3, 1, CancellationToken.None);

        Assert.False(stock.Add(N3, 1, before, Commitments(N3, 2)));
        Assert.False(refill.IsCompleted);
        Assert.True(stock.Add(N3, 1, stock.NextRequest(), Commitments(N3, 2)));
        await refill.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(stock.Take(N3, 1, 2));
    }

    // the coordinator restarted with a request on the bus: the participant answered it (and wiped those
    // commitments when it saw the restart), and the answer reaches the new instance, whose own numbering
    // began anew — a counter restarting at 1 would take the old life's request 50 for one of its own
    [Fact]
    public void An_answer_to_a_request_of_the_coordinators_previous_life_or_never_made_is_dropped()
    {
        var previousLife = new CommitmentStock();
        var old = Enumerable.Range(0, 50).Select(_ => previousLife.NextRequest()).Last();
        var stock = new CommitmentStock();
        var mine = stock.NextRequest();

        Assert.False(stock.Add(N3, 1, old, Commitments(N3, 4)));
        Assert.False(stock.Add(N3, 1, 0, Commitments(N3, 4)));              // no number at all
        Assert.False(stock.Add(N3, 1, mine + 1, Commitments(N3, 4)));       // a number not handed out yet
        Assert.Equal(0, stock.Count(N3, 1));
        Assert.True(stock.Add(N3, 1, mine, Commitments(N3, 4)));
        Assert.Equal(4, stock.Count(N3, 1));
    }

    /// <summary>Public commitment values only: the stock never looks inside them.</summary>
    private static List<SigningCommitments> Commitments(NodeId peer, int count)
    {
        var baseEncoding = new byte[32];
        baseEncoding[0] = 0x58;
        for (var i = 1; i < 32; i++) baseEncoding[i] = 0x66;
        Assert.True(Point.TryDecode(baseEncoding, out var point));
        return [.. Enumerable.Range(0, count).Select(_ => new SigningCommitments(ParticipantId.FromNode(peer), point, point))];
    }
}
