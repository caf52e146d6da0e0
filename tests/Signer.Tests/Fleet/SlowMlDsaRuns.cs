using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Contracts.Messages.Signing;
using MassTransit;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// Makes every threshold ML-DSA run of a fleet slow without waiting for it: when the first peer
/// consumes a run's reveal step, every node's trusted clock jumps <see cref="Jump"/> ahead (a fault
/// skew, the same on all nodes, so their clocks still agree). Each run thus ages the genTime it
/// carries by the jump — what several rounds of rejection sampling on a loaded host do. A zero
/// jump only counts the runs (no clock is touched), and needs no <see cref="Cluster"/>.
/// </summary>
internal sealed class SlowMlDsaRuns(TimeSpan jump) : IConsumeObserver
{
    private readonly ConcurrentDictionary<RoundId, bool> _runs = new();
    private long _skewMicros;

    public TimeSpan Jump { get; } = jump;

    public TestCluster? Cluster { get; set; }

    /// <summary>Runs that reached their reveal step so far.</summary>
    public int Runs => _runs.Count;

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is MlDsaRoundRequested { Step: 2 } m && _runs.TryAdd(m.Run, true) && Jump > TimeSpan.Zero && Cluster is { } cluster)
        {
            var skew = Interlocked.Add(ref _skewMicros, (long)Jump.TotalMicroseconds);
            foreach (var node in cluster.Nodes) node.Context.Faults.Apply(new InjectFault(node.Id, FaultKind.ClockSkew, skew, []));
        }
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
