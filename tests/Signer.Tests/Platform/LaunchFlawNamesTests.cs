using CcTsa.Signer.Platform;
using FsCheck.Xunit;

namespace CcTsa.Signer.Tests.Platform;

public sealed class LaunchFlawNamesTests
{
    [Theory]
    [InlineData("wrong-measurement", LaunchFlaw.WrongMeasurement)]
    [InlineData("debug-policy", LaunchFlaw.DebugPolicy)]
    [InlineData("tcb-below-minimum", LaunchFlaw.TcbBelowMinimum)]
    [InlineData("forged-report", LaunchFlaw.ForgedReport)]
    [InlineData("vmpl-not-zero", LaunchFlaw.VmplNotZero)]
    public void TryParse_each_kebab_name_gives_its_flaw_and_names_it_back(string name, LaunchFlaw expected)
    {
        Assert.True(LaunchFlawNames.TryParse(name, out var flaw, out var error), error);
        Assert.Equal(expected, flaw);
        Assert.Equal(name, LaunchFlawNames.NameOf(flaw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryParse_absent_name_is_no_flaw(string? name)
    {
        Assert.True(LaunchFlawNames.TryParse(name, out var flaw, out _));
        Assert.Equal(LaunchFlaw.None, flaw);
    }

    [Theory]
    [InlineData("Debug-Policy")]
    [InlineData("debug_policy")]
    [InlineData(" forged-report")]
    [InlineData("none")]
    [InlineData("wrongmeasurement")]
    public void TryParse_other_spelling_is_an_error_listing_the_accepted_names(string name)
    {
        Assert.False(LaunchFlawNames.TryParse(name, out var flaw, out var error));
        Assert.Equal(LaunchFlaw.None, flaw);
        Assert.Contains("unknown flaw", error, StringComparison.Ordinal);
        Assert.Contains("tcb-below-minimum", error, StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public bool TryParse_of_any_text_accepts_only_the_four_names_and_never_throws(string? text)
    {
        var ok = LaunchFlawNames.TryParse(text, out var flaw, out var error);
        return string.IsNullOrEmpty(text)
            ? ok && flaw == LaunchFlaw.None
            : ok ? LaunchFlawNames.NameOf(flaw) == text : error.Length is > 0 and < 200 && flaw == LaunchFlaw.None;
    }
}
