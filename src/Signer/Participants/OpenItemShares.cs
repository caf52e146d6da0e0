namespace CcTsa.Signer.Participants;

/// <summary>
/// Room for a new threshold ML-DSA run among the item states a participant holds open (~0.5 MB
/// each, bounded over all coordinators together). With a plain bound, one coordinator that opened
/// runs in a loop (a compromised node) filled it, and every honest coordinator's run was refused
/// here — and then signed without this honest node. Now a coordinator holding less than its fair
/// share (capacity ÷ coordinators) is made room for: the oldest runs of whichever coordinator holds
/// the most are wiped, never taking that holder below its fair share (so two honest coordinators
/// cannot wipe each other's runs in turn), and never the runs of the protected coordinator (the
/// participant itself, whose own batches would fail). A coordinator already at its fair share, or
/// one no room can be made for, is refused, as before. Pure: the caller wipes the runs.
/// </summary>
internal static class OpenItemShares
{
    /// <summary>
    /// The runs to wipe so that <paramref name="requester"/> can open <paramref name="count"/> more items
    /// (empty: it fits as it is), or null: refused.
    /// </summary>
    public static IReadOnlyList<TRun>? MakeRoom<TRun>(IReadOnlyList<(TRun Run, NodeId Coordinator, int Items, long Opened)> open,
        NodeId requester, int count, int capacity, int coordinators, NodeId? protectedCoordinator = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        var total = open.Sum(r => r.Items);
        if (total + count <= capacity) return [];
        var fairShare = capacity / coordinators;
        var held = open.Where(r => r.Coordinator == requester).Sum(r => r.Items);
        if (held + count > fairShare) return null;
        var byCoordinator = open.Where(r => r.Coordinator != requester && r.Coordinator != protectedCoordinator).GroupBy(r => r.Coordinator)
            .ToDictionary(g => g.Key, g => new Queue<(TRun Run, int Items)>(g.OrderBy(r => r.Opened).Select(r => (r.Run, r.Items))));
        var holding = byCoordinator.ToDictionary(kv => kv.Key, kv => kv.Value.Sum(r => r.Items));
        var wiped = new List<TRun>();
        while (total + count > capacity)
        {
            // the largest holder that can give its oldest run and keep its fair share (the largest alone may not,
            // while the next can: a flooder holding runs of 16, 16 and 8 must not block room that exists)
            var givers = holding.Where(kv => byCoordinator[kv.Key].Count > 0 && kv.Value - byCoordinator[kv.Key].Peek().Items >= fairShare)
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Index).ToList();
            if (givers.Count == 0) return null;
            var top = givers[0].Key;
            var (run, size) = byCoordinator[top].Dequeue();
            wiped.Add(run);
            holding[top] -= size;
            total -= size;
        }
        return wiped;
    }
}
