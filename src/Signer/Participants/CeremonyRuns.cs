using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The ending of a ceremony run, the same for DKG/refresh and repair: a watchdog that fails the run
/// when the other participants do not answer in time, and the one way a run fails (wiped, removed,
/// logged, CeremonyFinished(Ok = false) published with the culprits).
/// </summary>
internal static class CeremonyRuns
{
    public static async Task WatchAsync<TRun>(NodeContext node, ConcurrentDictionary<CeremonyId, TRun> runs, TRun run)
        where TRun : class, ICeremonyRun
    {
        try { await Task.Delay(node.Options.CeremonyTimeout, node.Options.Time, node.Lifetime).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; }
        bool open;
        lock (run.Gate) open = !run.Done;
        if (open) await FailAsync(node, runs, run, "timed out waiting for the other participants", [], CancellationToken.None).ConfigureAwait(false);
    }

    public static async Task FailAsync<TRun>(NodeContext node, ConcurrentDictionary<CeremonyId, TRun> runs, TRun run, string reason, IReadOnlyList<NodeId> culprits, CancellationToken cancellationToken)
        where TRun : class, ICeremonyRun
    {
        BeginCeremony? begin;
        lock (run.Gate)
        {
            if (run.Done) return;
            run.Done = true;
            begin = run.Begin;
            run.Dispose();
        }
        runs.TryRemove(run.Ceremony, out _);
        if (begin is null) return;
        SignerLog.CeremonyFailed(node.Logger, node.Id, begin.Kind.ToString(), begin.Ceremony, reason);
        await node.Messenger.PublishAsync(new CeremonyFinished(begin.Ceremony, begin.Kind, begin.Epoch, node.Id, false, null, null, culprits, reason), cancellationToken).ConfigureAwait(false);
    }
}
