using System.Diagnostics;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// How long a coordinator waits for its peers' answers to one request (a signing round, a presign or
/// threshold ML-DSA step): for the first answer up to <c>limit</c>; once one peer has answered after
/// T, the others until the larger of 3·T and <c>floor</c> (never past <c>limit</c>). A peer silent
/// that long past a peer as loaded as itself is dead or stuck — and on a loaded host, where every
/// answer is slow, 3·T keeps a slow live peer from being given up on (a round given up burns its
/// presignatures). Nobody answering at all means this node or the whole fleet is slow, not one peer
/// dead: that waits the full limit. The floor is the adaptive peer deadline when a spare peer could
/// stand in for a silent one, else the round timeout (giving up would leave nobody to sign with).
/// </summary>
internal static class PeerAnswerWait
{
    /// <summary>Waits as described; returns how long the peers were given.</summary>
    public static async Task<TimeSpan> WaitAsync(IReadOnlyCollection<Task> answers, TimeSpan floor, TimeSpan limit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0) return TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        if (!await CompletesWithinAsync(Task.WhenAny(answers), limit, time, cancellationToken).ConfigureAwait(false)) return limit;
        var first = Stopwatch.GetElapsedTime(started);
        var rest = 3 * first > floor ? 3 * first : floor;
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
