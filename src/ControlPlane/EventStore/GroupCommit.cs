using System.Threading.Channels;
using CcTsa.Contracts.Events;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// Group commit: callers enqueue events and await durability; ONE writer loop drains the queue
/// (up to <see cref="GroupCommitOptions.MaxBatchEvents"/>) into one store transaction, so
/// thousands of TokenIssued per second cost a few fsyncs, not thousands. Events are encoded on the
/// caller's thread, so a bad event fails only its own caller; a failed transaction fails every
/// caller in it (nothing of it was written). Being the only writer of its store object, the loop
/// never races itself for the chain head.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<EncodedEvent>, CancellationToken, Task<IReadOnlyList<EventEnvelope>>> _writeBatch;
    private readonly GroupCommitOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _batches;
    private long _events;

    /// <param name="writeBatch">Writes all given events in ONE transaction and returns their envelopes in order, once durable.</param>
    public GroupCommit(Func<IReadOnlyList<EncodedEvent>, CancellationToken, Task<IReadOnlyList<EventEnvelope>>> writeBatch, GroupCommitOptions? options = null)
    {
        _writeBatch = writeBatch;
        _options = options ?? GroupCommitOptions.Default;
        if (_options.MaxBatchEvents < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxBatchEvents must be ≥ 1.");
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Raised on the writer loop after each durable transaction, in sequence order, before the
    /// callers' tasks complete (so an in-memory projection is never behind a returned token).
    /// A handler that throws fails the callers of that batch — loudly, though the events are stored.
    /// </summary>
    public event Action<IReadOnlyList<EventEnvelope>>? Committed;

    /// <summary>Transactions committed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Events committed so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    public Task<IReadOnlyList<EventEnvelope>> AppendAsync(IReadOnlyList<object> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return Task.FromResult<IReadOnlyList<EventEnvelope>>([]);
        var encoded = events.Select(EventCodec.Encode).ToArray();
        var pending = new Pending(encoded);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(GroupCommit), "The event log is closed.");
        // cancelling stops the wait, not the write: once queued the events may still become durable
        return pending.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Completes once everything queued before it is written (or failed): an append whose caller
    /// stopped waiting (a host shutting down) may still become durable, so whoever records the final
    /// head at a stop flushes first (a CI run once saw the stop head one event short).
    /// </summary>
    public Task FlushAsync(CancellationToken ct = default)
    {
        var barrier = new Pending([]);
        // a closed queue is being drained by DisposeAsync: done when the writer loop is; a loop that died
        // (it never should) must not hold a graceful stop until the host gives up
        return _queue.Writer.TryWrite(barrier)
            ? Task.WhenAny(barrier.Done.Task, _loop).WaitAsync(ct)
            : _loop.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (_options.Linger > TimeSpan.Zero)
                await Task.Delay(_options.Linger).ConfigureAwait(false);
            var count = 0;
            batch.Clear();
            while (count < _options.MaxBatchEvents && reader.TryRead(out var p))
            {
                batch.Add(p);
                count += p.Events.Length;
            }
            if (batch.Count > 0) await CommitAsync(batch, count).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<Pending> batch, int count)
    {
        if (count == 0)
        {
            // only flush barriers: nothing to write, every append before them is done
            foreach (var p in batch) p.Done.TrySetResult([]);
            return;
        }
        var all = new List<EncodedEvent>(count);
        foreach (var p in batch) all.AddRange(p.Events);
        try
        {
            var envelopes = await _writeBatch(all, _stop.Token).ConfigureAwait(false);
            if (envelopes.Count != all.Count)
                throw new InvalidOperationException($"Store returned {envelopes.Count} envelopes for {all.Count} events.");
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _events, count);
            Committed?.Invoke(envelopes);
            var offset = 0;
            foreach (var p in batch)
            {
                p.Done.TrySetResult(envelopes.Skip(offset).Take(p.Events.Length).ToArray());
                offset += p.Events.Length;
            }
        }
        catch (Exception e)
        {
            // the transaction rolled back: every caller in it learns so (and none sees a token go out)
            var translated = StoreErrors.Translate(e);
            // a flush barrier in the batch did its job: everything before it is settled, written or not
            foreach (var p in batch)
                if (p.Events.Length == 0) p.Done.TrySetResult([]);
                else p.Done.TrySetException(translated);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false); // drain: queued appends are still written
        await _stop.CancelAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed record Pending(EncodedEvent[] Events)
    {
        public TaskCompletionSource<IReadOnlyList<EventEnvelope>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
