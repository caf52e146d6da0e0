using CcTsa.Signer.Purposes;
using FsCheck;
using FsCheck.Xunit;

namespace CcTsa.Signer.Tests.Purposes;

/// <summary>The genTime window of <see cref="TstInfoRules"/> (pure): within accuracy ahead, accuracy + allowance behind.</summary>
public class TstInfoRulesTests
{
    private static readonly TimeSpan Accuracy = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Allowance = TimeSpan.FromSeconds(1);
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 300)]
    public bool GenTime_inside_the_window_is_accepted(int offsetMillis)
    {
        // map any int into [-(accuracy + allowance), +accuracy]
        var span = (long)(Accuracy + Allowance + Accuracy).TotalMilliseconds;
        var offset = TimeSpan.FromMilliseconds(((long)offsetMillis % (span + 1) + span + 1) % (span + 1)) - (Accuracy + Allowance);
        return TstInfoRules.GenTimeError(Now + offset, Accuracy, Allowance, Now) is null;
    }

    [Property(MaxTest = 300)]
    public bool GenTime_in_the_past_beyond_accuracy_and_allowance_is_refused(PositiveInt extraMillis) =>
        TstInfoRules.GenTimeError(Now - Accuracy - Allowance - TimeSpan.FromMilliseconds(extraMillis.Get), Accuracy, Allowance, Now)
            == "genTime too far in the past for this node's clock";

    [Property(MaxTest = 300)]
    public bool GenTime_ahead_beyond_accuracy_is_refused_without_allowance(PositiveInt extraMillis) =>
        TstInfoRules.GenTimeError(Now + Accuracy + TimeSpan.FromMilliseconds(extraMillis.Get), Accuracy, Allowance, Now)
            == "genTime ahead of this node's clock";

    [Fact]
    public void GenTime_exactly_at_the_bounds_is_accepted()
    {
        Assert.Null(TstInfoRules.GenTimeError(Now + Accuracy, Accuracy, Allowance, Now));
        Assert.Null(TstInfoRules.GenTimeError(Now - Accuracy - Allowance, Accuracy, Allowance, Now));
    }

    [Fact]
    public void A_late_gentime_refusal_is_recognised_with_or_without_an_item_prefix_and_nothing_else_is()
    {
        Assert.True(TstInfoRules.IsLate(TstInfoRules.LateGenTime));
        Assert.True(TstInfoRules.IsLate("item 3: " + TstInfoRules.LateGenTime));
        Assert.False(TstInfoRules.IsLate("item 0: genTime ahead of this node's clock"));
        Assert.False(TstInfoRules.IsLate("serial already signed"));
    }
}
