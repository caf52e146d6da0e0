using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The ending of a ceremony run, the same for DKG/refresh and repair: a watchdog that fails the run
/// when the other participants do not answer in time, the one way a run fails (wiped, removed,
/// logged, CeremonyFinished(Ok = false) published with the culprits), and the one way a run is
/// abandoned on the control plane's AbortCeremony (wiped, removed, logged; nothing published: the
/// log already holds the abort).
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

    /// <summary>Abandons the run of an aborted ceremony, if this node has one open; true when it had.</summary>
    public static bool Abandon<TRun>(NodeContext node, ConcurrentDictionary<CeremonyId, TRun> runs, AbortedCeremonies aborted, AbortCeremony abort)
        where TRun : class, ICeremonyRun
    {
        ArgumentNullException.ThrowIfNull(abort);
        aborted.Add(abort.Ceremony);
        if (!runs.TryGetValue(abort.Ceremony, out var run)) return false;
        string kind;
        lock (run.Gate)
        {
            if (run.Done) return false;
            run.Done = true;
            kind = run.Begin?.Kind.ToString() ?? "unbegun";
            run.Dispose();
        }
        runs.TryRemove(run.Ceremony, out _);
        SignerLog.CeremonyAbandoned(node.Logger, node.Id, kind, abort.Ceremony, abort.Reason);
        return true;
    }
}
