using System.Collections.Concurrent;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>Messages of one type the test control plane received, with a way to await a condition.</summary>
internal sealed class MessageLog<T>
{
    /// <summary>Upper bound for a wait: a safety net that turns a hang into a failure, not a timing assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(Environment.GetEnvironmentVariable("CCTSA_TEST_PATIENCE") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : 120);

    private readonly ConcurrentQueue<T> _items = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> Items => [.. _items];

    public void Add(T item)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _items.Enqueue(item);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult(); // wakes every waiter, each re-checks its own condition
    }

    /// <summary>Waits until at least <paramref name="count"/> received items match; returns them.</summary>
    public async Task<IReadOnlyList<T>> WaitAsync(Func<T, bool> match, int count = 1)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            Task changed;
            List<T> found;
            lock (_gate)
            {
                found = _items.Where(match).ToList();
                changed = _changed.Task;
            }
            if (found.Count >= count) return found;
            try { await changed.WaitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} {typeof(T).Name} message(s), got {found.Count} within {Patience.TotalSeconds:0}s.");
            }
        }
    }
}
