using System.Security.Cryptography;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Tests.Coordinator;

public class PresignatureStockTests
{
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");

    private static byte[][] Ids(int k) => [.. Enumerable.Range(0, k).Select(_ => RandomNumberGenerator.GetBytes(32))];

    [Fact]
    public void Ids_serve_only_their_subset_once_and_all_or_nothing()
    {
        var stock = new PresignatureStock();
        var ids = Ids(3);
        stock.Add(1, [N3, N2], stock.NextRun(), ids);
        Assert.Equal(3, stock.Count(1, [N2, N3]));              // order of the peers does not matter
        Assert.Null(stock.Take(1, [N2, N4], 1));                 // another subset has none
        Assert.Null(stock.Take(2, [N2, N3], 1));                 // nor another epoch
        Assert.Null(stock.Take(1, [N2, N3], 4));                 // too few: nothing taken
        Assert.Equal(ids[..2], stock.Take(1, [N2, N3], 2));
        Assert.Equal(ids[2..], stock.Take(1, [N2, N3], 1));
        Assert.Null(stock.Take(1, [N2, N3], 1));
    }

    [Fact]
    public void A_restarted_peer_or_a_changed_epoch_empties_the_subsets_it_is_in()
    {
        var stock = new PresignatureStock();
        stock.Add(1, [N2, N3], stock.NextRun(), Ids(2));
        stock.Add(1, [N3, N4], stock.NextRun(), Ids(5));
        stock.Add(2, [N2, N4], stock.NextRun(), Ids(1));
        Assert.Equal(5, stock.CountFor(N3, 1));
        stock.Forget(N4);
        Assert.Equal(2, stock.CountFor(N3, 1));
        Assert.Equal(0, stock.Count(2, [N2, N4]));
        stock.ForgetEpoch(1);
        Assert.Equal(0, stock.CountFor(N2, 1));
    }

    [Fact]
    public void Counts_tell_presignatures_used_from_those_dropped_unused()
    {
        var stock = new PresignatureStock();
        stock.Add(1, [N2, N3], stock.NextRun(), Ids(4));
        stock.Add(1, [N3, N4], stock.NextRun(), Ids(3));
        stock.Add(2, [N2, N4], stock.NextRun(), Ids(2));
        Assert.NotNull(stock.Take(1, [N2, N3], 3));
        Assert.Null(stock.Take(1, [N3, N4], 4));                 // refused: nothing counted as taken
        stock.Forget(N4);                                        // 3 of epoch 1 and 2 of epoch 2 dropped
        stock.ForgetEpoch(1);                                    // the last one of n2,n3 dropped
        Assert.Equal(new PresignatureCounts(Made: 9, Taken: 3, Discarded: 6, InStock: 0), stock.Counts);
        stock.Add(3, [N2, N3], stock.NextRun(), Ids(2));
        Assert.Equal(new PresignatureCounts(11, 3, 6, 2), stock.Counts);
    }

    // a presigning run that started before a refresh replaced the epoch's shares ends after the coordinator
    // forgot the epoch's stock (its own step 3 ran on the old share, a peer's last answer came late): its ids
    // name presignatures nobody holds any more, the coordinator's own included, so every round taking one of
    // them would fail on the coordinator itself ("could not sign its own share") until the stock drained
    [Fact]
    public void A_run_started_before_its_epoch_was_forgotten_is_not_stocked_when_it_ends()
    {
        var stock = new PresignatureStock();
        var early = stock.NextRun();
        stock.ForgetEpoch(1);                                    // the refresh stored the new share meanwhile
        var late = Ids(3);
        Assert.False(stock.Add(1, [N2, N3], early, late));
        Assert.Equal(0, stock.Count(1, [N2, N3]));
        Assert.Equal(new PresignatureCounts(Made: 3, Taken: 0, Discarded: 3, InStock: 0), stock.Counts);
        // another epoch's run of the same moment is unaffected, and a run started after the forget is stocked
        Assert.True(stock.Add(2, [N2, N3], early, Ids(1)));
        var fresh = Ids(2);
        Assert.True(stock.Add(1, [N2, N3], stock.NextRun(), fresh));
        Assert.Equal(fresh, stock.Take(1, [N2, N3], 2));
    }

    // a peer that answered a run's last step and then restarted (or refused a stale id, so the coordinator
    // forgot it) holds none of the run's presignatures: the run's late end must not refill its subsets
    [Fact]
    public void A_run_started_before_one_of_its_peers_was_forgotten_is_not_stocked_but_other_subsets_are()
    {
        var stock = new PresignatureStock();
        var withN3 = stock.NextRun();
        var withoutN3 = stock.NextRun();
        stock.Forget(N3);
        Assert.False(stock.Add(1, [N2, N3], withN3, Ids(4)));
        Assert.Equal(0, stock.CountFor(N3, 1));
        Assert.True(stock.Add(1, [N2, N4], withoutN3, Ids(2)));
        Assert.Equal(2, stock.Count(1, [N2, N4]));
        Assert.True(stock.Add(1, [N2, N3], stock.NextRun(), Ids(1)));
        Assert.Equal(1, stock.Count(1, [N2, N3]));
    }
}
