using System.Collections.Concurrent;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// Issue 14 finding 7 at its call sites: 200 batches refused below quorum, or 200 batches whose
/// audit record fails on a full disk, are one warning line each — not 200, and with no stack trace.
/// </summary>
public sealed class IssuanceWarningsTests
{
    private static readonly TsaPolicySet Policies = new(TsaTestHost.Policy);

    [Fact]
    public async Task Batches_refused_below_quorum_log_one_line_without_stack_trace()
    {
        var logs = new Recorder();
        await using (var service = Create(new RefusingGateway(), new InMemoryIssuanceJournal(), logs))
        {
            for (var i = 0; i < 200; i++)
                Assert.Equal(Unavailability.BelowQuorum, (await service.IssueAsync(Request(), CancellationToken.None)).Error);
        }
        // the first occurrence at once; the rest as one count line when the service stops
        var lines = logs.Warnings.Where(w => w.Message.Contains("BelowQuorum", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("199 times", lines[1].Message, StringComparison.Ordinal);
        Assert.All(logs.Warnings, w => Assert.Null(w.Exception));
    }

    [Fact]
    public async Task A_full_disk_logs_one_aggregated_line_not_a_stack_trace_per_batch()
    {
        var logs = new Recorder();
        await using (var service = Create(new InProcessGateway(), new FullDiskJournal(), logs))
        {
            for (var i = 0; i < 200; i++)
                Assert.Equal(Unavailability.AuditLogUnavailable, (await service.IssueAsync(Request(), CancellationToken.None)).Error);
        }
        Assert.Equal(2, logs.Warnings.Count(w => w.Message.Contains("audit log write failed", StringComparison.Ordinal)));
        Assert.All(logs.Warnings, w => Assert.Null(w.Exception));
        Assert.DoesNotContain(logs.Warnings, w => w.Level >= LogLevel.Error);
    }

    private static IssuanceService Create(ISigningGateway gateway, IIssuanceJournal journal, Recorder logs) =>
        new(gateway, journal, new TsaFrontOptions { BatchWindow = TimeSpan.Zero, MaxConcurrentBatches = 1 }, TimeProvider.System, logs.For<IssuanceService>());

    private static ValidatedRequest Request()
    {
        var der = Requests.Valid(Guid.NewGuid().ToByteArray());
        Assert.True(TimeStampRequestParser.TryParse(der, Policies, out var parsed, out _));
        return new ValidatedRequest(Guid.NewGuid(), der, parsed);
    }

    private sealed class RefusingGateway : ISigningGateway
    {
        public Task<Result<SignedBatch, SigningUnavailable>> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken) =>
            Task.FromResult(Result<SignedBatch, SigningUnavailable>.Fail(new SigningUnavailable(Unavailability.BelowQuorum, "2 eligible signers for epoch 1, threshold 3")));
    }

    /// <summary>Grants every request with a placeholder token that stamps its imprint (signing is not under test).</summary>
    private sealed class InProcessGateway : ISigningGateway
    {
        public Task<Result<SignedBatch, SigningUnavailable>> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken) =>
            Task.FromResult(Result<SignedBatch, SigningUnavailable>.Ok(new SignedBatch(new KeyEpoch(1), InProcessSigningGateway.Signers,
                [.. batch.Select(r => new SignedTimestamp(r.RequestId, [0x30, 0x00], SerialNumber.NewRandom(), DateTimeOffset.UtcNow, TsaTestHost.Policy, "sha256",
                    r.Request.HashedMessage.ToArray(), Contracts.Hashing.Sha256Hash.Zero))])));
    }

    private sealed class FullDiskJournal : IIssuanceJournal
    {
        public Task<IReadOnlyList<bool>> RecordAsync(SignedBatch batch, CancellationToken cancellationToken) =>
            throw new StoreUnavailableException("the event store could not write: disk full", new IOException("No space left on device"));
    }

    private sealed class Recorder
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Warnings => [.. _entries];

        public ILogger<T> For<T>() => new Logger<T>(this);

        private sealed class Logger<T>(Recorder owner) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning) owner._entries.Enqueue((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
