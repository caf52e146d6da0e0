using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Whom a failed presigning step leaves out of the retry, and whom it names (pure: the runner's
/// answers in, a <see cref="RoundOutcome"/> out). Only this coordinator's own checks prove a
/// culprit; a peer's accusation of another rests on pairwise OT state nobody else holds (either end
/// may be the liar), so both ends of a disputed pair are left out and neither is named — a cheater
/// cannot frame an honest node.
/// </summary>
internal static class PresignBlame
{
    /// <summary>The retry after <paramref name="failures"/> (the answers, this node's own among them, that failed) at <paramref name="step"/>.</summary>
    public static RoundOutcome Outcome(NodeId self, int step, IReadOnlyList<NodeId> peers, IReadOnlyList<PresignStepAnswered> failures)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(failures);
        var own = failures.Where(a => a.Participant == self).ToList();
        var culprits = own.SelectMany(a => a.Culprits ?? []).Where(c => c != self).Distinct().ToList();
        // our own pair states that differ from these peers' (PairMismatch, naming nobody): the pairs are being
        // redone, so only those peers sit out — not the whole subset, whose other pairs are fine
        var unpaired = own.SelectMany(a => a.Unpaired ?? []).Where(peers.Contains);
        var disputed = failures.Where(a => a.Participant != self && a.Culprits is { Count: > 0 })
            .SelectMany(a => a.Culprits!.Where(c => c != self).Append(a.Participant));
        // a peer failing without naming anyone (e.g. it lost its share, or its own pairs differ) is left out itself
        var nameless = failures.Where(a => a.Culprits is not { Count: > 0 } && a.Participant != self).Select(a => a.Participant);
        var exclude = culprits.Union(unpaired).Union(disputed).Union(nameless).ToList();
        var reason = $"presign step {step}: " + string.Join("; ", failures.Select(a => $"{a.Participant}: {a.Failure}"));
        // nobody to leave out (C0 echo or C6 key check): the subset as a whole failed, try another
        return RoundOutcome.Retry(reason, exclude.Count > 0 ? exclude : peers, culprits, []);
    }
}
