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

    /// <summary>
    /// Share (0 to 1) of the requests that ask for the `hybrid` policy (reqPolicy): each such token
    /// must carry that policy and both its signatures must verify (issue 16: hybrid requests during
    /// a scenario are never lost). Spread evenly over the request sequence, not drawn at random.
    /// </summary>
    public double HybridShare { get; init; }

    /// <summary>Share (0 to 1) of the requests that ask for the `ml-dsa-65` policy; each token must be an ML-DSA-65 token under it.</summary>
    public double MlDsaShare { get; init; }

    /// <summary>The failure matrix's load with a small share of hybrid and ml-dsa-65 requests (issue 16: never lost).</summary>
    public static LoadOptions PostQuantum => new() { HybridShare = 0.1, MlDsaShare = 0.05 };
}
