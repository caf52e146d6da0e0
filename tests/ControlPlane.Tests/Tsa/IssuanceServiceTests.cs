using CcTsa.Crypto.Common;
using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Tsa;

public sealed class IssuanceServiceTests
{
    private static readonly TsaPolicySet Policies = new(TsaTestHost.Policy);

    [Fact]
    public async Task Requests_queued_while_a_batch_signs_go_out_together_in_the_next_batch()
    {
        var gateway = new GatedGateway();
        var journal = new InMemoryIssuanceJournal();
        await using var service = Create(gateway, journal, o => o.MaxConcurrentBatches = 1);

        var first = service.IssueAsync(Request(), CancellationToken.None);
        await gateway.FirstCallEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = Enumerable.Range(0, 10).Select(_ => service.IssueAsync(Request(), CancellationToken.None)).ToArray();
        gateway.Release.SetResult();
        var results = await Task.WhenAll([first, .. queued]);

        Assert.All(results, r => Assert.True(r.IsOk));
        Assert.Equal([1, 10], gateway.BatchSizes);
        Assert.Equal(2, journal.Appends);
        Assert.Equal(11, journal.Recorded.Count);
    }

    [Fact]
    public async Task Batch_is_cut_at_MaxBatchSize()
    {
        var gateway = new GatedGateway();
        await using var service = Create(gateway, new InMemoryIssuanceJournal(), o => { o.MaxConcurrentBatches = 1; o.MaxBatchSize = 4; });

        var first = service.IssueAsync(Request(), CancellationToken.None);
        await gateway.FirstCallEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = Enumerable.Range(0, 10).Select(_ => service.IssueAsync(Request(), CancellationToken.None)).ToArray();
        gateway.Release.SetResult();
        await Task.WhenAll([first, .. queued]);

        Assert.Equal([1, 4, 4, 2], gateway.BatchSizes);
    }

    [Fact]
    public async Task Token_missing_from_a_granted_batch_is_not_issued()
    {
        var gateway = new GatedGateway { DropEvery = 2 };
        gateway.Release.SetResult();
        var journal = new InMemoryIssuanceJournal();
        await using var service = Create(gateway, journal, o => o.MaxConcurrentBatches = 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => service.IssueAsync(Request(), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.IsOk || r.Error == Unavailability.BelowQuorum));
        Assert.Equal(results.Count(r => r.IsOk), journal.Recorded.Count);
        Assert.Contains(results, r => !r.IsOk);
    }

    [Fact]
    public Task Gateway_fault_reaches_every_caller_of_the_batch() =>
        AssertIssueFailsAndRecordsNothing(new GatedGateway { Throw = true });

    [Fact]
    public Task Token_for_another_imprint_is_never_returned() =>
        AssertIssueFailsAndRecordsNothing(new GatedGateway { WrongImprint = true });

    /// <summary>
    /// With the gateway misbehaving as configured, the caller gets a systemFailure it can retry on
    /// (an internal fault, never an HTTP 500 without a TimeStampResp) and nothing is journaled.
    /// </summary>
    private static async Task AssertIssueFailsAndRecordsNothing(GatedGateway gateway)
    {
        gateway.Release.SetResult();
        var journal = new InMemoryIssuanceJournal();
        await using var service = Create(gateway, journal);

        var issued = await service.IssueAsync(Request(), CancellationToken.None);
        Assert.False(issued.TryGet(out _, out var why));
        Assert.Equal(Unavailability.InternalFault, why);
        Assert.Equal(CcTsa.Crypto.Rfc3161.PkiFailureInfo.SystemFailure, RejectionRenderer.For(why).FailInfo);
        Assert.Empty(journal.Recorded);
    }

    [Fact]
    public async Task Cancelled_caller_stops_waiting_without_failing_others()
    {
        var gateway = new GatedGateway();
        await using var service = Create(gateway, new InMemoryIssuanceJournal(), o => o.MaxConcurrentBatches = 1);
        using var cancel = new CancellationTokenSource();

        var first = service.IssueAsync(Request(), CancellationToken.None);
        await gateway.FirstCallEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var leaving = service.IssueAsync(Request(), cancel.Token);
        var staying = service.IssueAsync(Request(), CancellationToken.None);
        await cancel.CancelAsync();
        gateway.Release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.True((await first).IsOk);
        Assert.True((await staying).IsOk);
        Assert.Equal([1, 1], gateway.BatchSizes);
    }

    private static IssuanceService Create(ISigningGateway gateway, IIssuanceJournal journal, Action<TsaFrontOptions>? configure = null)
    {
        var options = new TsaFrontOptions { BatchWindow = TimeSpan.Zero };
        configure?.Invoke(options);
        return new IssuanceService(gateway, journal, options, TimeProvider.System, NullLogger<IssuanceService>.Instance);
    }

    private static ValidatedRequest Request()
    {
        var der = Requests.Valid(Guid.NewGuid().ToByteArray());
        Assert.True(TimeStampRequestParser.TryParse(der, Policies, out var parsed, out _));
        return new ValidatedRequest(Guid.NewGuid(), der, parsed);
    }

    /// <summary>Holds the first batch until released; answers with placeholder tokens (the batching is under test, not CMS).</summary>
    private sealed class GatedGateway : ISigningGateway
    {
        private readonly ConcurrentQueue<int> _sizes = new();

        public TaskCompletionSource FirstCallEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int DropEvery { get; init; }

        public bool Throw { get; init; }

        public bool WrongImprint { get; init; }

        public int[] BatchSizes => [.. _sizes];

        public async Task<Result<SignedBatch, SigningUnavailable>> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken)
        {
            _sizes.Enqueue(batch.Count);
            FirstCallEntered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            if (Throw)
                throw new InvalidOperationException("coordinator sent garbage (test)");
            var tokens = batch
                .Where((_, i) => DropEvery == 0 || i % DropEvery != 0)
                .Select(r => new SignedTimestamp(r.RequestId, [0x30, 0x00], Contracts.Ids.SerialNumber.NewRandom(), DateTimeOffset.UtcNow, TsaTestHost.Policy, "sha256",
                    WrongImprint ? [0x00] : r.Request.HashedMessage.ToArray(), Contracts.Hashing.Sha256Hash.Zero))
                .ToList();
            return new SignedBatch(new Contracts.Ids.KeyEpoch(1), [Contracts.Ids.NodeId.Parse("n1"), Contracts.Ids.NodeId.Parse("n2"), Contracts.Ids.NodeId.Parse("n3")], tokens);
        }
    }
}
