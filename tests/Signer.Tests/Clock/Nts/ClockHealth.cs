using System.Diagnostics;
using CcTsa.Signer.Clock;

namespace CcTsa.Signer.Tests.Clock.Nts;

/// <summary>Waits for a trusted clock checked against NTS servers to reach a health state.</summary>
internal static class ClockHealth
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits for the health to become <paramref name="expected"/>; 30 s only stops a hung test.</summary>
    public static Task AwaitAsync(TrustedClock clock, bool expected, string why) =>
        UntilAsync(() => clock.IsHealthy == expected, $"the clock never became {(expected ? "healthy" : "unhealthy")}: {why}");

    /// <summary>Waits for <paramref name="condition"/>; 30 s only stops a hung test.</summary>
    public static async Task UntilAsync(Func<bool> condition, string never)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30)) throw new Xunit.Sdk.XunitException(never);
            await Task.Delay(Poll);
        }
    }
}
