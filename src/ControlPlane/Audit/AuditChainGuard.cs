using System.Globalization;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Incidents;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// The start-up check of the audit log (both `up` and `serve`): walks the chain incrementally from
/// the last head recorded outside the log (the last line of <c>&lt;data&gt;/anchors.jsonl</c>; the whole
/// chain when there is none), checking every anchor on the way. When the log is broken it never
/// crashes the host: the front refuses to issue (<see cref="AuditChainStatus"/>), an Emergency
/// incident records why, and the gauge <c>cctsa_audit_chain_broken</c> reads 1. A later start on
/// a restored log clears the gauge and resolves the incident.
/// </summary>
public sealed partial class AuditChainGuard(IEventLog log, AnchorJournal journal, HostSettings settings, AuditChainStatus status,
    RunbookEngine engine, FleetState state, TimeProvider time, ILogger<AuditChainGuard> logger)
{
    private static readonly Gauge ChainBroken = Metrics.CreateGauge("cctsa_audit_chain_broken",
        "1 when the audit log failed its start-up verification (issuance refused), 0 when it verified.");

    /// <summary>The last start-up verification (null before it ran).</summary>
    public AuditReport? Last { get; private set; }

    public async Task<AuditReport> CheckAsync(CancellationToken ct)
    {
        var report = await VerifyAsync(ct).ConfigureAwait(false);
        Last = report;
        var open = engine.Incidents.OpenOf(IncidentKinds.AuditChainBroken);
        if (report.Ok)
        {
            status.MarkIntact();
            ChainBroken.Set(0);
            ChainVerified(logger, report.Events, report.Head);
            if (open is not null)
                await state.RecordAsync(new IncidentResolved(open.Id, "the audit log verified at start-up", time.GetUtcNow()), ct).ConfigureAwait(false);
            return report;
        }
        var firstBad = report.FirstBad ?? report.Head + 1;
        status.MarkBroken(firstBad);
        ChainBroken.Set(1);
        ChainIsBroken(logger, firstBad, report.Reason ?? "");
        if (open is null)
        {
            var summary = string.Create(CultureInfo.InvariantCulture, $"audit log broken at sequence {firstBad}: {report.Reason}; issuance refused");
            await engine.OpenAsync(IncidentKinds.AuditChainBroken, summary, [], state.Epochs.Current, ct).ConfigureAwait(false);
        }
        return report;
    }

    private async Task<AuditReport> VerifyAsync(CancellationToken ct)
    {
        if (!AnchorJournal.TryRead(journal.Path, out var records, out var unreadable))
            return new AuditReport(false, 0, null, unreadable, 0, 0, 0, 0, 0);
        var expected = records.Select((r, i) => ExpectedHead.From(r, i + 1)).ToList();
        var options = new AuditVerifyOptions(expected, AnchorTokenCheck.FromDataDirectory(settings.DataDirectory), expected.Count > 0 ? expected[^1] : null);
        try
        {
            return await new AuditVerifier(log).VerifyAsync(options, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && StoreErrors.Translate(e) is not StoreUnavailableException)
        {
            // rows a reader cannot even parse are a broken log too, not a reason to crash
            return new AuditReport(false, 0, null, "the log cannot be read: " + e.Message, 0, 0, 0, 0, 0);
        }
    }

    [LoggerMessage(3310, LogLevel.Information, "Audit log verified at start-up: {Events} events walked, head {Head}")]
    private static partial void ChainVerified(ILogger logger, long events, long head);

    [LoggerMessage(3311, LogLevel.Critical, "Audit log BROKEN at sequence {FirstBad}: {Reason}. Issuance refused (see docs/RUNBOOKS.md)")]
    private static partial void ChainIsBroken(ILogger logger, long firstBad, string reason);
}
