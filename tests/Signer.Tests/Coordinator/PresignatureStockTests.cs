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
        stock.Add(1, [N3, N2], ids);
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
        stock.Add(1, [N2, N3], Ids(2));
        stock.Add(1, [N3, N4], Ids(5));
        stock.Add(2, [N2, N4], Ids(1));
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
        stock.Add(1, [N2, N3], Ids(4));
        stock.Add(1, [N3, N4], Ids(3));
        stock.Add(2, [N2, N4], Ids(2));
        Assert.NotNull(stock.Take(1, [N2, N3], 3));
        Assert.Null(stock.Take(1, [N3, N4], 4));                 // refused: nothing counted as taken
        stock.Forget(N4);                                        // 3 of epoch 1 and 2 of epoch 2 dropped
        stock.ForgetEpoch(1);                                    // the last one of n2,n3 dropped
        Assert.Equal(new PresignatureCounts(Made: 9, Taken: 3, Discarded: 6, InStock: 0), stock.Counts);
        stock.Add(3, [N2, N3], Ids(2));
        Assert.Equal(new PresignatureCounts(11, 3, 6, 2), stock.Counts);
    }
}
