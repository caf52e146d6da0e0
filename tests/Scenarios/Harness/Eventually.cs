using System.Diagnostics;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// Bounded waiting for a condition the system must reach by itself (a state, an event): polls,
/// and past the deadline fails the test with what was last seen plus the processes' output. It
/// never asserts how long something took; durations go to the scenario report only.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static async Task<T> UntilAsync<T>(string what, Func<Task<T?>> probe, TimeSpan deadline, Func<string>? diagnostics = null)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await probe().ConfigureAwait(false) is { } found) return found;
                lastError = null;
            }
            catch (HttpRequestException e)
            {
                lastError = e;
            }
            catch (TaskCanceledException e)
            {
                lastError = e;
            }
            if (watch.Elapsed > deadline)
            {
                Assert.Fail($"Waited {deadline.TotalSeconds:0}s for: {what}, in vain." +
                    (lastError is null ? "" : $"\nLast error: {lastError.Message}") +
                    (diagnostics is null ? "" : "\n" + diagnostics()));
            }
            await Task.Delay(Poll).ConfigureAwait(false);
        }
    }

    public static Task UntilAsync(string what, Func<Task<bool>> probe, TimeSpan deadline, Func<string>? diagnostics = null) =>
        UntilAsync<object>(what, async () => await probe().ConfigureAwait(false) ? Found : null, deadline, diagnostics);

    private static readonly object Found = new();
}
