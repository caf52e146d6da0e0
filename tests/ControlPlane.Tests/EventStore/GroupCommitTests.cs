using CcTsa.Contracts.Events;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Tests.EventStore;

/// <summary>The group-commit queue's flush: what a graceful stop relies on to record the final head.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task An_append_whose_caller_stopped_waiting_is_written_before_a_flush_returns()
    {
        // the writer is held, as a busy disk holds it, while a stopping component gives up its wait
        var writer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = 0;
        await using var commit = new GroupCommit(async (batch, ct) =>
        {
            await writer.Task.WaitAsync(ct);
            Interlocked.Add(ref written, batch.Count);
            return [.. batch.Select((e, i) => new EventEnvelope(i + 1, DateTimeOffset.UtcNow, e.Type, Sha256Hash.Of([]), Sha256Hash.Of([]), e.Data))];
        });
        using var stopping = new CancellationTokenSource();
        var append = commit.AppendAsync([new NodeStarted(NodeId.FromIndex(1), "azure", DateTimeOffset.UtcNow)], stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => append);

        var flush = commit.FlushAsync();
        await Task.Delay(50);
        Assert.False(flush.IsCompleted, "the flush returned while an append queued before it was unwritten");
        writer.SetResult();
        await flush.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, Volatile.Read(ref written));
        Assert.Equal(1, commit.Events);
    }

    [Fact]
    public async Task A_flush_with_nothing_queued_writes_nothing_and_a_closed_queue_needs_no_flush()
    {
        var calls = 0;
        var commit = new GroupCommit((batch, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult<IReadOnlyList<EventEnvelope>>([]);
        });
        await commit.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, Volatile.Read(ref calls));
        await commit.DisposeAsync();
        Assert.True(commit.FlushAsync().IsCompletedSuccessfully);
    }
}
