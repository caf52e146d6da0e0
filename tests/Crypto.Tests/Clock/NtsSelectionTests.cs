using CcTsa.Crypto.Clock;

namespace CcTsa.Crypto.Tests.Clock;

public sealed class NtsSelectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A symmetric exchange with a server <paramref name="offsetMs"/> ahead and the given delay.</summary>
    private static NtsSample Sample(string name, double offsetMs, double delayMs)
    {
        var half = TimeSpan.FromMilliseconds(delayMs / 2);
        var t2 = T0 + half + TimeSpan.FromMilliseconds(offsetMs);
        return new NtsSample(name, T0, t2, t2, T0 + 2 * half);
    }

    [Fact]
    public void Select_names_the_falseticker_and_agrees_with_the_majority()
    {
        var result = NtsSelection.Select([Sample("a", 1, 4), Sample("b", 2, 4), Sample("c", 1.5, 2), Sample("liar", 500, 4)]);
        Assert.True(result.HasMajority);
        Assert.Equal(["liar"], result.Falsetickers);
        Assert.Equal(3, result.Truechimers.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(1.5), result.Offset);
        Assert.True(result.Accuracy <= TimeSpan.FromMilliseconds(3));
    }

    [Fact]
    public void Select_without_a_majority_agrees_on_nothing()
    {
        var result = NtsSelection.Select([Sample("a", 0, 1), Sample("b", 100, 1), Sample("c", 200, 1)]);
        Assert.False(result.HasMajority);
        Assert.Empty(result.Truechimers);
        Assert.Equal(3, result.Falsetickers.Count);
    }

    [Fact]
    public void Select_rejects_a_sample_with_negative_delay()
    {
        var broken = new NtsSample("broken", T0, T0, T0 + TimeSpan.FromSeconds(10), T0 + TimeSpan.FromMilliseconds(1));
        var result = NtsSelection.Select([Sample("a", 0, 1), Sample("b", 0.1, 1), broken]);
        Assert.True(result.HasMajority);
        Assert.Contains("broken", result.Falsetickers);
    }
}
