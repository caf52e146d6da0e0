using System.Diagnostics;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// How long a coordinator waits for its peers' answers to one request (a signing round, a presign or
/// threshold ML-DSA step): for the first answer up to <c>limit</c>; once one peer has answered after
/// T, the others until <c>total(T)</c> from the start (never past <c>limit</c>). Nobody answering at
/// all means this node or the whole fleet is slow, not one peer dead: that waits the full limit.
/// Two rules for total(T), both at least the floor (the adaptive peer deadline when a spare peer
/// could stand in for a silent one, else the round timeout: giving up would leave nobody):
/// <see cref="OneMoreFloor"/> for signing rounds — a dead peer costs at most one floor past the first
/// answer, what the no-stall-on-node-loss bound (issue 14) is measured against —, and
/// <see cref="ThreeTimesFirst"/> for presign and ML-DSA steps, which compute for a time that grows
/// with the batch and the host's load: a peer silent three times as long as one as loaded as itself
/// is dead, and a fixed floor would give up on slow live ones (before: four round timeouts, which on
/// the request's path outlasted the control plane's wait for the coordinator).
/// </summary>
internal static class PeerAnswerWait
{
    /// <summary>Signing rounds: the floor, or one more floor after a first answer that came later than it.</summary>
    public static TimeSpan OneMoreFloor(TimeSpan first, TimeSpan floor) => first <= floor ? floor : first + floor;

    /// <summary>Presign and ML-DSA steps: three times the first answer's time, at least the floor.</summary>
    public static TimeSpan ThreeTimesFirst(TimeSpan first, TimeSpan floor) => 3 * first > floor ? 3 * first : floor;

    /// <summary>Waits as described; returns how long the peers were given.</summary>
    public static async Task<TimeSpan> WaitAsync(IReadOnlyCollection<Task> answers, TimeSpan floor, TimeSpan limit, Func<TimeSpan, TimeSpan, TimeSpan> total,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(total);
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0) return TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        if (!await CompletesWithinAsync(Task.WhenAny(answers), limit, time, cancellationToken).ConfigureAwait(false)) return limit;
        var first = Stopwatch.GetElapsedTime(started);
        var rest = total(first, floor);
        if (rest > limit) rest = limit;
        var left = rest - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero) await CompletesWithinAsync(Task.WhenAll(answers), left, time, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(limit, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException) { return false; }
    }
}
