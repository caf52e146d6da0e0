namespace CcTsa.Scenarios.Load;

/// <summary>
/// Bounds of the background load: a few concurrent loopback clients, each pausing between
/// requests so the scenario's processes keep most of the two CPU cores. A request that gets no
/// answer within <see cref="RequestTimeout"/> counts as lost.
/// </summary>
public sealed record LoadOptions
{
    public int Concurrency { get; init; } = 2;

    public TimeSpan PauseBetweenRequests { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
