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

    /// <summary>
    /// Other instances of the same TSA (several control planes): requests go to each in turn, and
    /// one whose connection fails is sent again to the next — what a load balancer does.
    /// </summary>
    public IReadOnlyList<Uri> AlsoAt { get; init; } = [];
}
