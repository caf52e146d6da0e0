using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.ControlPlane.Tests.Fleet;

public class CeremonyTallyTests
{
    private static readonly CeremonyId Id = CeremonyId.New();

    private static CeremonyFinished Ok(int i, byte key) =>
        new(Id, CeremonyKind.Dkg, new KeyEpoch(1), NodeId.FromIndex(i), true, [key, 1, 2], [9], [], null);

    private static CeremonyTally Tally() => CeremonyTally.Start(Id, CeremonyKind.Dkg, 1, Enumerable.Range(1, 5).Select(NodeId.FromIndex));

    [Fact]
    public void Decide_all_agree_completes_with_the_group_key()
    {
        var t = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(Ok(i, 7)));
        var (verdict, _, key, _) = t.Decide(false);
        Assert.Equal(CeremonyVerdict.Completed, verdict);
        Assert.Equal(new byte[] { 7, 1, 2 }, key);
    }

    [Fact]
    public void Decide_disagreeing_keys_aborts()
    {
        var t = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(Ok(i, i == 4 ? (byte)8 : (byte)7)));
        Assert.Equal(CeremonyVerdict.Aborted, t.Decide(false).Verdict);
    }

    [Fact]
    public void Decide_missing_answers_pending_until_timeout_then_names_them()
    {
        var t = Enumerable.Range(1, 3).Aggregate(Tally(), (acc, i) => acc.With(Ok(i, 7)));
        Assert.Equal(CeremonyVerdict.Pending, t.Decide(false).Verdict);
        var (verdict, _, _, culprits) = t.Decide(true);
        Assert.Equal(CeremonyVerdict.Aborted, verdict);
        Assert.Equal(["n4", "n5"], culprits.Select(n => n.Value));
    }

    [Fact]
    public void Decide_failure_names_reported_culprits()
    {
        var bad = new CeremonyFinished(Id, CeremonyKind.Dkg, new KeyEpoch(1), NodeId.Parse("n2"), false, null, null, [NodeId.Parse("n5")], "bad proof");
        var (verdict, reason, _, culprits) = Tally().With(bad).Decide(false);
        Assert.Equal(CeremonyVerdict.Aborted, verdict);
        Assert.Contains("bad proof", reason, StringComparison.Ordinal);
        Assert.Equal(["n5"], culprits.Select(n => n.Value));
    }

    [Fact]
    public void With_answer_of_other_ceremony_is_ignored()
    {
        var other = new CeremonyFinished(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(1), NodeId.Parse("n1"), true, [1], [1], [], null);
        Assert.Empty(Tally().With(other).Answers);
    }
}
