using System.Threading.Channels;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Logging;
using CcTsa.Crypto.Common;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Turns concurrent requests into micro-batches (a window of a few ms or <see cref="TsaFrontOptions.MaxBatchSize"/>
/// items), signs each batch with one gateway call, records every granted token in the audit log
/// and only then completes the callers: a token leaves only after its TokenIssued is durable
/// (invariant 4). Batching keeps one signing round and one group commit per batch, so throughput
/// scales with load while a lone request waits at most one window. A window holding requests
/// under several policies makes one signing round per policy (every item of a gateway call has one policy).
/// </summary>
public sealed class IssuanceService : IAsyncDisposable
{
    private readonly ISigningGateway _gateway;
    private readonly IIssuanceJournal _journal;
    private readonly TsaFrontOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<IssuanceService> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    // one line per reason and interval: a quorum loss or a full disk refuses every batch
    private readonly RepeatedWarnings _warnings;
    private long _repeatedSerials;

    public IssuanceService(ISigningGateway gateway, IIssuanceJournal journal, TsaFrontOptions options, TimeProvider time, ILogger<IssuanceService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        // a larger batch would be refused by every signer (TooLarge): fail at start, not per request
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxBatchSize, CcTsa.Contracts.Limits.SigningLimits.MaxBatchItems);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentBatches, 1);
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _journal = journal ?? throw new ArgumentNullException(nameof(journal));
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _slots = new SemaphoreSlim(options.MaxConcurrentBatches);
        _warnings = new RepeatedWarnings(logger, time, RepeatedWarnings.DefaultInterval);
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Serials the journal refused as repeats since start (expected to stay 0 with 128-bit random serials).</summary>
    public long RepeatedSerials => Interlocked.Read(ref _repeatedSerials);

    /// <summary>
    /// Signs one validated request as part of the next batch. Cancelling only stops waiting: a
    /// request already handed to the signers may still be issued and recorded.
    /// </summary>
    public Task<Result<SignedTimestamp, Unavailability>> IssueAsync(ValidatedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pending = new Pending(request, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(IssuanceService));
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        // let batches in flight finish so no caller is left hanging
        for (var i = 0; i < _options.MaxConcurrentBatches; i++)
            await _slots.WaitAsync().ConfigureAwait(false);
        _slots.Dispose();
        _stopping.Dispose();
        _warnings.Dispose();
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_options.MaxBatchSize);
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                await _slots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                await FillAsync(reader, batch).ConfigureAwait(false);
                var taken = batch.ToArray();
                batch.Clear();
                _ = Task.Run(() => RunBatchAsync(taken));
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // shutting down: fail whatever is still queued instead of leaving callers waiting
        }
        foreach (var p in batch)
            p.Completion.TrySetCanceled();
        while (reader.TryRead(out var left))
            left.Completion.TrySetCanceled();
    }

    /// <summary>Takes what is queued; if the batch is not full, waits one window for more.</summary>
    private async Task FillAsync(ChannelReader<Pending> reader, List<Pending> batch)
    {
        Drain(reader, batch);
        if (batch.Count >= _options.MaxBatchSize || _options.BatchWindow <= TimeSpan.Zero)
            return;
        using var window = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        window.CancelAfter(_options.BatchWindow);
        try
        {
            while (batch.Count < _options.MaxBatchSize && await reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                Drain(reader, batch);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            // the window closed: sign what we have
        }
    }

    private void Drain(ChannelReader<Pending> reader, List<Pending> batch)
    {
        while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var p))
        {
            if (!p.CallerGone)
                batch.Add(p);
        }
    }

    private async Task RunBatchAsync(Pending[] batch)
    {
        try
        {
            // one signing round per policy: each policy's tokens are signed by its own scheme's key
            await Task.WhenAll(batch.GroupBy(p => p.Request.Request.Policy, StringComparer.Ordinal).Select(g => SignGroupAsync([.. g]))).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task SignGroupAsync(Pending[] batch)
    {
        try
        {
            if (batch.Length > 0)
                await SignAndRecordAsync(batch).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // a fault in the gateway or our own code: logged with its exception; every caller gets a
            // systemFailure reply it can retry on (never an HTTP 500 without a TimeStampResp)
            TsaLog.BatchFaulted(_logger, batch.Length, ex);
            foreach (var p in batch)
                p.Completion.TrySetResult(NotIssued(Unavailability.InternalFault));
        }
    }

    private async Task SignAndRecordAsync(Pending[] batch)
    {
        var started = _time.GetTimestamp();
        var signed = await _gateway.SignAsync([.. batch.Select(p => p.Request)], _stopping.Token).ConfigureAwait(false);
        if (!signed.TryGet(out var outcome, out var notSigned))
        {
            _warnings.Warn("batch not signed: " + notSigned.Why, $"{batch.Length} request(s) refused: {notSigned.Detail}");
            foreach (var p in batch)
                p.Completion.TrySetResult(NotIssued(notSigned.Why));
            return;
        }

        var byId = new Dictionary<Guid, SignedTimestamp>(outcome.Tokens.Count);
        foreach (var token in outcome.Tokens)
            byId.TryAdd(token.RequestId, token);
        var granted = new List<(Pending Caller, SignedTimestamp Token)>(batch.Length);
        foreach (var p in batch)
        {
            if (byId.TryGetValue(p.Request.RequestId, out var token))
            {
                // a token for another document would be worse than no token: treat it as our bug
                if (!token.Stamps(p.Request.Request.HashedMessage.AsSpan()))
                    throw new InvalidOperationException($"The signing gateway answered request {p.Request.RequestId} with a token for another imprint.");
                granted.Add((p, token));
            }
            else
                p.Completion.TrySetResult(NotIssued(Unavailability.BelowQuorum));
        }
        if (granted.Count == 0)
            return;

        IReadOnlyList<bool> recorded;
        try
        {
            recorded = await _journal.RecordAsync(outcome with { Tokens = [.. granted.Select(g => g.Token)] }, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // an unavailable store (disk full, database down) is expected: one aggregated line, no stack trace
            if (StoreErrors.Translate(ex) is StoreUnavailableException unavailable)
                _warnings.Warn("audit log write failed; tokens withheld", $"{granted.Count} token(s) withheld: {unavailable.Message}");
            else
                TsaLog.JournalFailed(_logger, granted.Count, ex);
            foreach (var (caller, _) in granted)
                caller.Completion.TrySetResult(NotIssued(Unavailability.AuditLogUnavailable));
            return;
        }
        if (recorded.Count != granted.Count)
            throw new InvalidOperationException($"The issuance journal answered {recorded.Count} outcomes for {granted.Count} tokens.");

        for (var i = 0; i < granted.Count; i++)
        {
            var (caller, token) = granted[i];
            if (recorded[i])
            {
                caller.Completion.TrySetResult(token);
                continue;
            }
            Interlocked.Increment(ref _repeatedSerials);
            TsaLog.SerialRepeated(_logger, token.Serial.ToHex());
            caller.Completion.TrySetResult(NotIssued(Unavailability.SerialRepeated));
        }
        TsaLog.BatchIssued(_logger, granted.Count, outcome.Epoch.Number, _time.GetElapsedTime(started).TotalMilliseconds);
    }

    private static Result<SignedTimestamp, Unavailability> NotIssued(Unavailability why) => Result<SignedTimestamp, Unavailability>.Fail(why);

    private sealed class Pending(ValidatedRequest request, CancellationToken callerToken)
    {
        public ValidatedRequest Request { get; } = request;

        public TaskCompletionSource<Result<SignedTimestamp, Unavailability>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CallerGone => callerToken.IsCancellationRequested;
    }
}
