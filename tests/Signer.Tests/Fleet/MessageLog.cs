using System.Collections.Concurrent;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>Messages of one type the test control plane received, with a way to await a condition.</summary>
internal sealed class MessageLog<T>
{
    /// <summary>Upper bound for a wait: a safety net that turns a hang into a failure, not a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly ConcurrentQueue<T> _items = new();
    private readonly SemaphoreSlim _signal = new(0);

    public IReadOnlyList<T> Items => [.. _items];

    public void Add(T item)
    {
        _items.Enqueue(item);
        _signal.Release();
    }

    /// <summary>Waits until at least <paramref name="count"/> received items match; returns them.</summary>
    public async Task<IReadOnlyList<T>> WaitAsync(Func<T, bool> match, int count = 1)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            var found = _items.Where(match).ToList();
            if (found.Count >= count) return found;
            try { await _signal.WaitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} {typeof(T).Name} message(s), got {found.Count} within {Patience.TotalSeconds:0}s.");
            }
        }
    }
}
