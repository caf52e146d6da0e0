using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Vault;

namespace CcTsa.Signer.Tests.Vault;

/// <summary>
/// A participant's open presigning runs are bounded per coordinator (<see cref="PresignRunTable"/>): a
/// node that opens runs in a loop (a compromised coordinator) wipes only its own, never an honest
/// coordinator's run between its steps — which would then fail against this honest node.
/// </summary>
public class PresignRunTableTests
{
    private static readonly NodeId Honest = NodeId.Parse("n2");
    private static readonly NodeId Flooder = NodeId.Parse("n3");
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    private static PresignRun Run(NodeId coordinator, int second) =>
        new(coordinator, [ParticipantId.FromIndex(1), ParticipantId.FromIndex(2), ParticipantId.FromIndex(3)], [new byte[32]], [], T0.AddSeconds(second));

    [Fact]
    public void A_coordinator_opening_runs_in_a_loop_wipes_only_its_own_oldest_runs()
    {
        using var table = new PresignRunTable();
        var honest = Enumerable.Range(0, 6).Select(_ => RoundId.New()).ToList();
        for (var i = 0; i < honest.Count; i++) Assert.True(table.Open(honest[i], Run(Honest, i)));

        var flood = Enumerable.Range(0, 50).Select(_ => RoundId.New()).ToList();
        for (var i = 0; i < flood.Count; i++) Assert.True(table.Open(flood[i], Run(Flooder, 10 + i)));

        // every honest run is still open for its next step
        Assert.All(honest, id => Assert.NotNull(table.Run(id, Honest)));
        // the flooder keeps only its newest runs, up to the bound
        Assert.All(flood[..^PresignRunTable.MaxPerCoordinator], id => Assert.Null(table.Run(id, Flooder)));
        Assert.All(flood[^PresignRunTable.MaxPerCoordinator..], id => Assert.NotNull(table.Run(id, Flooder)));
        Assert.Equal(honest.Count + PresignRunTable.MaxPerCoordinator, table.Count);
    }

    [Fact]
    public void A_coordinator_beyond_its_bound_loses_its_oldest_run_first()
    {
        using var table = new PresignRunTable();
        // opened out of age order: the bound wipes by start time, not by arrival
        int[] seconds = [5, 3, 7, 1, 8, 2, 6, 4];
        var ids = seconds.ToDictionary(s => s, _ => RoundId.New());
        foreach (var s in seconds) Assert.True(table.Open(ids[s], Run(Honest, s)));
        var newest = RoundId.New();
        Assert.True(table.Open(newest, Run(Honest, 9)));

        Assert.Null(table.Run(ids[1], Honest));
        Assert.All(seconds.Where(s => s != 1), s => Assert.NotNull(table.Run(ids[s], Honest)));
        Assert.NotNull(table.Run(newest, Honest));
        Assert.Equal(PresignRunTable.MaxPerCoordinator, table.Count);
    }

    [Fact]
    public void The_runs_of_a_coordinator_that_vanished_are_wiped_once_they_are_older_than_the_max_age()
    {
        using var table = new PresignRunTable();
        var vanished = RoundId.New();
        Assert.True(table.Open(vanished, Run(Flooder, 0)));
        var recent = RoundId.New();
        Assert.True(table.Open(recent, Run(Honest, 60)));
        Assert.NotNull(table.Run(vanished, Flooder));           // one minute old: kept

        var later = RoundId.New();
        Assert.True(table.Open(later, Run(Honest, (int)PresignRunTable.MaxAge.TotalSeconds + 1)));
        Assert.Null(table.Run(vanished, Flooder));               // older than the max age when a run opens: wiped
        Assert.NotNull(table.Run(recent, Honest));
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void A_run_is_opened_once_found_only_for_its_coordinator_and_gone_once_closed()
    {
        using var table = new PresignRunTable();
        var id = RoundId.New();
        Assert.True(table.Open(id, Run(Honest, 0)));
        Assert.False(table.Open(id, Run(Flooder, 1)));     // the id is taken: the first run is untouched
        Assert.NotNull(table.Run(id, Honest));
        Assert.Null(table.Run(id, Flooder));               // another coordinator cannot step someone else's run

        table.Close(id);
        Assert.Null(table.Run(id, Honest));
        Assert.Equal(0, table.Count);
    }
}
