using System.Collections.Concurrent;
using MassTransit;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// What the nodes' consumers have finished handling, seen from the bus (a receive observer): a
/// test can wait until a node has processed every message a malicious relay injected, instead of sleeping.
/// </summary>
internal sealed class ConsumedMessages : IReceiveObserver
{
    private readonly ConcurrentQueue<object> _consumed = new();
    private readonly SemaphoreSlim _changed = new(0);

    public IReadOnlyList<T> Of<T>() => [.. _consumed.OfType<T>()];

    /// <summary>Completes when at least <paramref name="count"/> consumed messages of type T match.</summary>
    public async Task<IReadOnlyList<T>> WaitAsync<T>(Func<T, bool> match, int count)
    {
        using var patience = new CancellationTokenSource(Fleet.MessageLog<object>.Patience);
        while (true)
        {
            var found = _consumed.OfType<T>().Where(match).ToList();
            if (found.Count >= count) return found;
            await _changed.WaitAsync(patience.Token);
        }
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class
    {
        _consumed.Enqueue(context.Message);
        _changed.Release();
        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}
