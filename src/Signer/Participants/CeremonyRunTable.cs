using System.Collections.Concurrent;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The open ceremony runs of one protocol participant (DKG/refresh, or repair) and everything
/// about a run that is the same for both: opening one (bounded, also on an early message, and
/// never again once it completed, failed or was aborted), joining on BeginCeremony (once, after attesting every other
/// participant), the watchdog that fails a run whose peers do not answer in time, the one way a
/// run fails (wiped, removed, logged, CeremonyFinished(Ok = false) published with the culprits),
/// and the one way a run is abandoned on the control plane's AbortCeremony (wiped, removed,
/// logged; nothing published: the log already holds the abort).
/// </summary>
internal sealed class CeremonyRunTable<TRun>(NodeContext node, AttestationParticipant attestation, Func<CeremonyId, TRun> create) : ICeremonyRunTable
    where TRun : class, ICeremonyRun
{
    /// <summary>Bounds the memory an early or forged message can make a node spend.</summary>
    private const int MaxOpenRuns = 8;

    private readonly ConcurrentDictionary<CeremonyId, TRun> _runs = new();

    /// <summary>Runs still open (tests check an aborted ceremony leaves none behind).</summary>
    public int OpenRuns => _runs.Count;

    /// <summary>The run of <paramref name="ceremony"/>, opened if need be; null when aborted or too many are open.</summary>
    public TRun? Find(CeremonyId ceremony)
    {
        if (_runs.TryGetValue(ceremony, out var run)) return run;
        // one-shot: a completed, failed or aborted ceremony id never opens a new run (replays)
        if (node.Ended.Contains(ceremony)) return null;
        if (_runs.Count >= MaxOpenRuns) return null;
        var created = create(ceremony);
        var actual = _runs.GetOrAdd(ceremony, created);
        // every run expires, also one opened by an early message for a ceremony never begun here
        if (ReferenceEquals(actual, created)) node.RunInBackground("ceremony watchdog", () => WatchAsync(created));
        return actual;
    }

    /// <summary>The open run of <paramref name="ceremony"/>, never opening one.</summary>
    public TRun? Peek(CeremonyId ceremony) => _runs.TryGetValue(ceremony, out var run) ? run : null;

    /// <summary>
    /// Starts this node's part of <paramref name="begin"/> once: the run, after every one of
    /// <paramref name="others"/> is attested. Null when already begun, or when it failed (then published).
    /// </summary>
    public async Task<TRun?> JoinAsync(BeginCeremony begin, IReadOnlyList<NodeId> others, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(begin);
        if (Find(begin.Ceremony) is not { } run) return null;
        lock (run.Gate)
        {
            if (run.Begin is not null) return null;
            run.Begin = begin;
        }
        SignerLog.CeremonyJoined(node.Logger, node.Id, begin.Kind.ToString(), begin.Ceremony, begin.Epoch.Number, begin.Participants.Count, begin.Threshold);
        if (await attestation.EnsureAttestedAsync(others, node.Options.CeremonyTimeout / 2, cancellationToken).ConfigureAwait(false)) return run;
        await FailAsync(run, "not every participant could be attested", [], cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>A finished run leaves the table (its secrets were wiped by the participant).</summary>
    public void Finished(TRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        node.Ended.Completed(run.Ceremony);
        _runs.TryRemove(run.Ceremony, out _);
    }

    public async Task FailAsync(TRun run, string reason, IReadOnlyList<NodeId> culprits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        BeginCeremony? begin;
        lock (run.Gate)
        {
            if (run.Done) return;
            run.Done = true;
            begin = run.Begin;
            run.Dispose();
        }
        node.Ended.Ended(run.Ceremony);
        _runs.TryRemove(run.Ceremony, out _);
        if (begin is null) return;
        SignerLog.CeremonyFailed(node.Logger, node.Id, begin.Kind.ToString(), begin.Ceremony, reason);
        await node.Messenger.PublishAsync(new CeremonyFinished(begin.Ceremony, begin.Kind, begin.Epoch, node.Id, false, null, null, culprits, reason), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Abandons the run of an aborted ceremony, if this node has one open; true when it had.</summary>
    public bool Abandon(AbortCeremony abort)
    {
        ArgumentNullException.ThrowIfNull(abort);
        node.Ended.Ended(abort.Ceremony);
        if (!_runs.TryGetValue(abort.Ceremony, out var run)) return false;
        string kind;
        lock (run.Gate)
        {
            if (run.Done) return false;
            run.Done = true;
            kind = run.Begin?.Kind.ToString() ?? "unbegun";
            run.Dispose();
        }
        _runs.TryRemove(run.Ceremony, out _);
        SignerLog.CeremonyAbandoned(node.Logger, node.Id, kind, abort.Ceremony, abort.Reason);
        return true;
    }

    private async Task WatchAsync(TRun run)
    {
        try { await Task.Delay(node.Options.CeremonyTimeout, node.Options.Time, node.Lifetime).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; }
        bool open;
        lock (run.Gate) open = !run.Done;
        if (open) await FailAsync(run, "timed out waiting for the other participants", [], CancellationToken.None).ConfigureAwait(false);
    }
}
