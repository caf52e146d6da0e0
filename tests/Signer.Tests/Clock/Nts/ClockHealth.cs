using System.Diagnostics;
using CcTsa.Signer.Clock;

namespace CcTsa.Signer.Tests.Clock.Nts;

/// <summary>Waits for a trusted clock checked against NTS servers to reach a health state.</summary>
internal static class ClockHealth
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits for the health to become <paramref name="expected"/>; the generous bound only stops a hung test.</summary>
    public static async Task AwaitAsync(TrustedClock clock, bool expected, string why)
    {
        var waited = Stopwatch.StartNew();
        while (clock.IsHealthy != expected)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20)) throw new Xunit.Sdk.XunitException($"the clock never became {(expected ? "healthy" : "unhealthy")}: {why}");
            await Task.Delay(Poll);
        }
    }
}
