using CcTsa.Crypto.Clock;

namespace CcTsa.Signer.Tests.Clock.Nts;

/// <summary>
/// What an NTS measurement promises: the true offset lies within offset ± its stated bound. The
/// tests know the truth (chronyd serves this host's own clock, or lies by a known amount), so they
/// check that promise, not a fixed window — on a loaded machine a late receive timestamp widens the
/// bound and moves the offset together, and a fixed ±50 ms failed a CI run at −132 ms.
/// </summary>
internal static class NtsBounds
{
    /// <summary>
    /// The widest bound taken as a measurement: a loopback round trip at any CI load is far below it, and
    /// it is half the 2 s the lying-server tests lie by, so "offset 0 ± 2 s" can never pass for the truth.
    /// </summary>
    private static readonly TimeSpan WidestBound = TimeSpan.FromSeconds(1);

    /// <summary>Slack for the server's timestamp fuzz below its precision and faketime's rounding.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(5);

    public static void AssertBrackets(NtsSample sample, TimeSpan truth) =>
        AssertBrackets(sample.Offset, sample.Uncertainty, truth, $"sample from {sample.Server} (delay {sample.Delay.TotalMilliseconds:F1} ms)");

    public static void AssertBrackets(NtsSelectionResult selection, TimeSpan truth) =>
        AssertBrackets(selection.Offset, selection.Accuracy, truth, $"selection of {string.Join(", ", selection.Truechimers)}");

    private static void AssertBrackets(TimeSpan offset, TimeSpan bound, TimeSpan truth, string what)
    {
        Assert.True(bound >= TimeSpan.Zero && bound < WidestBound, $"{what}: bound {bound.TotalMilliseconds:F1} ms is no measurement");
        Assert.True((offset - truth).Duration() <= bound + Slack,
            $"{what}: offset {offset.TotalMilliseconds:F3} ms ± {bound.TotalMilliseconds:F3} ms does not contain the true {truth.TotalMilliseconds:F3} ms");
    }
}
