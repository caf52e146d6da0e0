using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// Signs the transparency log's tree head: every <see cref="LogHeadOptions.Interval"/> when the log
/// grew, and once more at a graceful stop. The head message's SHA-256 is the imprint of an RFC 3161
/// request through the one front (so the head token is signed by the current key epoch, issued,
/// logged and verified like any token) that declares the head (size, root) to the signers: they
/// refuse an imprint that is not that head's, or a size below one they signed (a refusal is logged
/// "not signed" and the next tick tries again). LogHeadSigned records size, root and token; its own
/// sequence and chain hash also go to <c>&lt;data&gt;/anchors.jsonl</c> (<see cref="AnchorJournal"/>,
/// kind head), outside the log it protects, so truncating the log below a signed head is caught at
/// the next start. Signed heads superseded the periodic AuditAnchored (no longer written).
/// Only the leader signs. The head's own TokenIssued and LogHeadSigned do not count as growth, or
/// an idle log would be re-signed forever.
/// </summary>
public sealed partial class LogHeadService(IEventLog log, ILogTree tree, LiveProjections live, TimestampFront front, ILeadership leadership,
    LogHeadOptions options, TimeProvider time, ILogger<LogHeadService> logger, AnchorJournal? journal = null) : BackgroundService
{
    /// <summary>Signs the current head once; null when the log did not grow, this is not the leader, or the TSA refused.</summary>
    public async Task<LogHeadSigned?> SignOnceAsync(CancellationToken ct)
    {
        if (!leadership.IsLeader) return null;
        var size = await tree.TreeSizeAsync(ct).ConfigureAwait(false);
        if (size == 0 || !await GrewAsync(size, ct).ConfigureAwait(false)) return null;
        var events = (await log.HeadAsync(ct).ConfigureAwait(false)).Sequence;
        if (events < size)
        {
            // the log lost events the tree still covers (deleted behind the triggers): sign nothing
            NotSigned(logger, size, $"the tree covers {size} events but the log holds {events}");
            return null;
        }
        var root = await new LogTreeReader(log, tree).RootAsync(size, ct).ConfigureAwait(false);
        var nonce = new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true);
        var declared = LogHeadMessage.Head(size, root);
        var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, declared.Imprint(), null, nonce, certReq: true);
        // the head travels with its request: the signers check the imprint is this head's and the size does not go back
        var reply = await front.HandleAsync(Guid.NewGuid(), request, declared, ct).ConfigureAwait(false);
        if (!reply.TryGet(out var token, out var refusal))
        {
            NotSigned(logger, size, refusal.Rejection.StatusText);
            return null;
        }
        if (!TimeStampResponseReader.TryRead(token.ResponseDer, out var response, out var error) || response.Token is not { } tokenDer)
            throw new InvalidOperationException($"The TSA's reply for tree head {size} holds no token: {error ?? "granted without a token"}.");
        var head = new LogHeadSigned(size, root.Hex, token.GenTime, token.Serial, Convert.ToBase64String(tokenDer.Span));
        var written = (await log.AppendAsync([head], ct).ConfigureAwait(false))[^1];
        journal?.Append(new AnchorRecord(written.Sequence, written.Hash.Hex, token.GenTime, AnchorRecord.HeadKind, head.TokenBase64));
        Signed(logger, size, token.Serial.ToHex());
        return head;
    }

    /// <summary>
    /// True when an event other than the last head's own (its TokenIssued and LogHeadSigned) follows
    /// the last signed head; read from the log, so a restarted or new leader decides the same.
    /// </summary>
    private async Task<bool> GrewAsync(long size, CancellationToken ct)
    {
        await live.CatchUpAsync(ct).ConfigureAwait(false);
        if (live.Current.LogHead is not { } last) return true;
        if (size <= last.TreeSize) return false;
        var after = await log.ReadAsync(last.TreeSize, 3, null, ct).ConfigureAwait(false);
        return after.Count == 3 || !after.All(e => e.Data is LogHeadSigned || e.Data is TokenIssued t && t.Serial == last.TokenSerial);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await TrySignAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A graceful stop signs the final head, given at most <see cref="FinalHeadPatience"/> so a fleet already gone cannot hold the stop.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(FinalHeadPatience);
        await TrySignAsync(bounded.Token).ConfigureAwait(false);
    }

    public static readonly TimeSpan FinalHeadPatience = TimeSpan.FromSeconds(5);

    private async Task TrySignAsync(CancellationToken ct)
    {
        try
        {
            await SignOnceAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // a store, bus or shutdown fault is logged; the next tick signs a later head, nothing is lost
            SignFailed(logger, ex);
        }
    }

    [LoggerMessage(3311, LogLevel.Information, "Log tree head of size {Size} signed by token {Serial}")]
    private static partial void Signed(ILogger logger, long size, string serial);

    [LoggerMessage(3312, LogLevel.Warning, "Log tree head of size {Size} not signed: {Reason}")]
    private static partial void NotSigned(ILogger logger, long size, string reason);

    [LoggerMessage(3313, LogLevel.Error, "Log tree head signing failed")]
    private static partial void SignFailed(ILogger logger, Exception ex);
}
