using CcTsa.Signer.Participants;
using FsCheck;
using FsCheck.Fluent;

namespace CcTsa.Signer.Tests.Participants;

/// <summary>
/// The open threshold ML-DSA item states of a participant are shared fairly among coordinators
/// (<see cref="OpenItemShares"/>): a coordinator that opens runs in a loop cannot keep an honest one
/// below its fair share out, and never loses its own runs to a coordinator already at its share.
/// </summary>
public class OpenItemSharesTests
{
    private const int Capacity = 128;
    private const int Coordinators = 5;
    private static readonly NodeId Honest = NodeId.Parse("n1");
    private static readonly NodeId Flooder = NodeId.Parse("n4");

    private static List<(int Run, NodeId Coordinator, int Items, long Opened)> Flood(int runs) =>
        [.. Enumerable.Range(0, runs).Select(i => (i, Flooder, 16, (long)i))];

    [Fact]
    public void A_run_that_fits_wipes_nothing()
    {
        Assert.Empty(OpenItemShares.MakeRoom(Flood(4), Honest, 16, Capacity, Coordinators)!);
    }

    [Fact]
    public void A_flooder_holding_everything_loses_its_oldest_runs_to_an_honest_coordinator()
    {
        var room = OpenItemShares.MakeRoom(Flood(8), Honest, 16, Capacity, Coordinators);
        Assert.Equal([0], room);   // 128 items held, 16 wanted: the flooder's oldest run of 16 goes
    }

    [Fact]
    public void The_flooder_itself_is_refused_once_the_bound_is_reached()
    {
        Assert.Null(OpenItemShares.MakeRoom(Flood(8), Flooder, 16, Capacity, Coordinators));
    }

    [Fact]
    public void A_coordinator_at_its_fair_share_is_refused_rather_than_wiping_another_at_its_share()
    {
        // five coordinators holding 25, 25, 25, 25 and 16 items; the last wants 16 more (beyond its share of 25)
        List<(int Run, NodeId Coordinator, int Items, long Opened)> open = [.. Enumerable.Range(1, 4).Select(i => (i, NodeId.FromIndex(i), 25, (long)i)), (5, NodeId.FromIndex(5), 16, 5L)];
        Assert.Null(OpenItemShares.MakeRoom(open, NodeId.FromIndex(5), 16, Capacity, Coordinators));
        // within its share it fits: shares of 25 for five add up to less than the bound
        Assert.Empty(OpenItemShares.MakeRoom(open, NodeId.FromIndex(5), 9, Capacity, Coordinators)!);
    }

    [Fact]
    public void Property_room_is_made_only_from_coordinators_above_their_share_and_never_from_the_requester()
    {
        var coordinators = Enumerable.Range(1, Coordinators).Select(NodeId.FromIndex).ToArray();
        var property = Prop.ForAll(
            Gen.ListOf(Gen.Zip(Gen.Choose(0, Coordinators - 1), Gen.Choose(1, 16))).ToArbitrary(),
            Gen.Choose(0, Coordinators - 1).ToArbitrary(),
            Gen.Choose(1, 16).ToArbitrary(),
            (runs, requesterIndex, count) =>
            {
                var open = runs.Select((r, i) => (Run: i, Coordinator: coordinators[r.Item1], Items: r.Item2, Opened: (long)i)).ToList();
                var requester = coordinators[requesterIndex];
                var room = OpenItemShares.MakeRoom(open, requester, count, Capacity, Coordinators);
                if (room is null) return true;
                var wiped = open.Where(r => room.Contains(r.Run)).ToList();
                var left = open.Except(wiped).ToList();
                var share = Capacity / Coordinators;
                return left.Sum(r => r.Items) + count <= Capacity
                       && wiped.All(w => w.Coordinator != requester)
                       // each wiped run came from a holder above its share before the wipe, and no holder ends far below it
                       && wiped.GroupBy(w => w.Coordinator).All(g => left.Where(r => r.Coordinator == g.Key).Sum(r => r.Items) + g.Last().Items > share)
                       // the oldest go first: no kept run of a wiped coordinator is older than one of its wiped runs
                       && wiped.All(w => !left.Any(r => r.Coordinator == w.Coordinator && r.Opened < w.Opened));
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }
}
