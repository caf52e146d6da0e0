using System.Numerics;
using System.Security.Cryptography;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// Time-stamps the audit chain head with the TSA itself, periodically: the head hash (a SHA-256
/// value) is the message imprint of an ordinary RFC 3161 request through the same front as every
/// client, so the anchor token is a TokenIssued like any other, and AuditAnchored links the anchored
/// sequence to that token's serial. An auditor can then prove the log up to that sequence existed
/// at genTime. Only the leader anchors; nothing is anchored when no event arrived since the last
/// anchor, or while the cluster cannot sign (the next tick tries again). The anchor records the
/// token itself (so `audit verify` checks its signature) and is also appended to
/// <c>&lt;data&gt;/anchors.jsonl</c> (<see cref="AnchorJournal"/>), outside the log it protects.
/// </summary>
public sealed partial class AuditAnchorService(IEventLog log, TimestampFront front, ILeadership leadership, AuditAnchorOptions options, TimeProvider time, ILogger<AuditAnchorService> logger,
    AnchorJournal? journal = null)
    : BackgroundService
{
    private long _lastAnchorSequence = -1;

    /// <summary>Anchors the current head once; null when there is nothing to anchor or the TSA did not grant.</summary>
    public async Task<AuditAnchored?> AnchorOnceAsync(CancellationToken ct)
    {
        if (!leadership.IsLeader) return null;
        var head = await log.HeadAsync(ct).ConfigureAwait(false);
        if (head.Sequence == 0 || head.Sequence == Volatile.Read(ref _lastAnchorSequence)) return null;

        var nonce = new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true);
        var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, head.Hash.ToArray(), null, nonce, certReq: false);
        var reply = await front.HandleAsync(Guid.NewGuid(), request, ct).ConfigureAwait(false);
        if (!reply.TryGet(out var token, out var refusal))
        {
            NotAnchored(logger, head.Sequence, refusal.Rejection.StatusText);
            return null;
        }
        var tokenBase64 = Convert.ToBase64String(token.ResponseDer);
        var anchored = new AuditAnchored(head.Sequence, head.Hash.Hex, token.Serial, token.GenTime, tokenBase64);
        var written = await log.AppendAsync([anchored], ct).ConfigureAwait(false);
        journal?.Append(new AnchorRecord(head.Sequence, head.Hash.Hex, token.GenTime, AnchorRecord.AnchorKind, tokenBase64));
        Volatile.Write(ref _lastAnchorSequence, written[^1].Sequence);
        Anchored(logger, head.Sequence, token.Serial.ToHex());
        return anchored;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await AnchorOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // a store or bus fault is logged; the next tick anchors a later head, nothing is lost
                    AnchorFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(3301, LogLevel.Information, "Audit chain head at sequence {Sequence} anchored by token {Serial}")]
    private static partial void Anchored(ILogger logger, long sequence, string serial);

    [LoggerMessage(3302, LogLevel.Warning, "Audit chain head at sequence {Sequence} not anchored: {Reason}")]
    private static partial void NotAnchored(ILogger logger, long sequence, string reason);

    [LoggerMessage(3303, LogLevel.Error, "Audit anchoring failed")]
    private static partial void AnchorFailed(ILogger logger, Exception ex);
}
