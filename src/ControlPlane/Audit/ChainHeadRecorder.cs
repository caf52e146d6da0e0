using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Tsa;
using Microsoft.Extensions.Hosting;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// Appends the chain head to <c>&lt;data&gt;/anchors.jsonl</c> (kind stop) at every graceful stop, so
/// the next start verifies incrementally from it and a truncation in between is caught. Registered
/// first, so it stops last. Nothing is recorded while the log is broken: that would bless the tampered head.
/// </summary>
public sealed class ChainHeadRecorder(IEventLog log, AnchorJournal journal, AuditChainStatus status, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (status.Broken) return;
        // a component stopped before this one may have left an append queued (its wait cancelled, not its write)
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        var head = await log.HeadAsync(cancellationToken).ConfigureAwait(false);
        if (head.Sequence == 0) return;
        journal.Append(new AnchorRecord(head.Sequence, head.Hash.Hex, time.GetUtcNow(), AnchorRecord.StopKind));
    }
}
