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
    public void The_participants_own_runs_are_never_wiped_for_another_coordinator()
    {
        List<(int Run, NodeId Coordinator, int Items, long Opened)> open = [.. Enumerable.Range(0, 8).Select(i => (i, Honest, 16, (long)i))];
        Assert.Null(OpenItemShares.MakeRoom(open, Flooder, 16, Capacity, Coordinators, protectedCoordinator: Honest));
    }

    [Fact]
    public void A_holder_is_never_taken_below_its_fair_share()
    {
        // n2 holds 32 (two runs of 16), the rest 96; n3 wants 16: wiping one of n2's runs would leave it 16 < 25
        List<(int Run, NodeId Coordinator, int Items, long Opened)> open = [(0, NodeId.Parse("n2"), 16, 0L), (1, NodeId.Parse("n2"), 16, 1L),
            .. Enumerable.Range(2, 4).Select(i => (i, NodeId.Parse("n4"), 24, (long)i))];
        var room = OpenItemShares.MakeRoom(open, NodeId.Parse("n3"), 16, Capacity, Coordinators);
        Assert.Equal([2], room);   // n4 (96 items) gives its oldest run of 24 and keeps 72; n2 keeps both
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
    public void Property_room_is_made_only_from_coordinators_above_their_share_never_from_the_requester_or_the_protected_one()
    {
        var coordinators = Enumerable.Range(1, Coordinators).Select(NodeId.FromIndex).ToArray();
        var property = Prop.ForAll(
            Gen.ListOf(Gen.Zip(Gen.Choose(0, Coordinators - 1), Gen.Choose(1, 16))).ToArbitrary(),
            Gen.Zip(Gen.Choose(0, Coordinators - 1), Gen.Choose(0, Coordinators - 1)).ToArbitrary(),
            Gen.Choose(1, 16).ToArbitrary(),
            (runs, who, count) =>
            {
                var (requesterIndex, protectedIndex) = who;
                var open = runs.Select((r, i) => (Run: i, Coordinator: coordinators[r.Item1], Items: r.Item2, Opened: (long)i)).ToList();
                var requester = coordinators[requesterIndex];
                var room = OpenItemShares.MakeRoom(open, requester, count, Capacity, Coordinators, coordinators[protectedIndex]);
                var share = Capacity / Coordinators;
                // liveness: a requester within its share is refused only when no other holder alone could free the room
                if (room is null)
                    return open.Where(r => r.Coordinator == requester).Sum(r => r.Items) + count > share
                           || coordinators.Where(c => c != requester && c != coordinators[protectedIndex])
                               .All(c => Freeable(open, c, share) < open.Sum(r => r.Items) + count - Capacity);
                var wiped = open.Where(r => room.Contains(r.Run)).ToList();
                var left = open.Except(wiped).ToList();
                return left.Sum(r => r.Items) + count <= Capacity
                       && wiped.All(w => w.Coordinator != requester && w.Coordinator != coordinators[protectedIndex])
                       // a holder that lost runs still holds at least its fair share
                       && wiped.GroupBy(w => w.Coordinator).All(g => left.Where(r => r.Coordinator == g.Key).Sum(r => r.Items) >= share)
                       // the oldest go first: no kept run of a wiped coordinator is older than one of its wiped runs
                       && wiped.All(w => !left.Any(r => r.Coordinator == w.Coordinator && r.Opened < w.Opened));
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    /// <summary>Items <paramref name="holder"/> could give alone, oldest runs first, keeping its fair share.</summary>
    private static int Freeable(List<(int Run, NodeId Coordinator, int Items, long Opened)> open, NodeId holder, int share)
    {
        var held = open.Where(r => r.Coordinator == holder).Sum(r => r.Items);
        var freed = 0;
        foreach (var run in open.Where(r => r.Coordinator == holder).OrderBy(r => r.Opened))
        {
            if (held - freed - run.Items < share) break;
            freed += run.Items;
        }
        return freed;
    }

    [Fact]
    public void Room_comes_from_the_next_holder_when_the_largest_cannot_give_without_dropping_below_its_share()
    {
        // n4 and n5 each hold runs of 16 (oldest), 16 and 8 = 40, the most: giving the oldest would leave 24 < 25.
        // n2 holds 8 (oldest) and 30 = 38. Together 118; n3 wants 16, 6 too many: n2's run of 8 goes (38 − 8 = 30)
        NodeId n2 = NodeId.Parse("n2"), n5 = NodeId.Parse("n5");
        List<(int Run, NodeId Coordinator, int Items, long Opened)> open = [(0, Flooder, 16, 0L), (1, Flooder, 16, 1L), (2, Flooder, 8, 2L),
            (3, n5, 16, 3L), (4, n5, 16, 4L), (5, n5, 8, 5L), (6, n2, 8, 6L), (7, n2, 30, 7L)];
        Assert.Equal([6], OpenItemShares.MakeRoom(open, NodeId.Parse("n3"), 16, Capacity, Coordinators));
    }
}
