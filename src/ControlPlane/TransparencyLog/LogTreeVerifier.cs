using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// `audit verify`'s tree check: rebuilds the tree from the events alone and compares every stored
/// subtree with it (so an edited tree row, a missing one or a tree over other events is found;
/// the levels <see cref="TreeLayout"/> does not store are never read, so never compared),
/// then checks each LogHeadSigned's root against the rebuilt tree at its size.
/// </summary>
public static class LogTreeVerifier
{
    private const int Chunk = 4096;

    public static async Task<TreeVerification> VerifyAsync(IEventLog log, ILogTree tree, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(tree);
        var frontier = new MerkleFrontier();
        var pending = new List<(TreeNodeKey Key, Sha256Hash Hash)>(Chunk * 2);
        var heads = new List<LogHeadSigned>();
        var headAlias = EventCodec.AliasOf(typeof(LogHeadSigned));
        await foreach (var row in log.StoredAsync(0, ct).ConfigureAwait(false))
        {
            if (row.Type == headAlias && EventCodec.TryDecode(row.Type, row.Data.Span, out var data) && data is LogHeadSigned head) heads.Add(head);
            // only the stored levels can disagree with the events: lower nodes are computed from them
            pending.AddRange(frontier.Append(LogEntry.LeafHash(row)).Where(n => TreeLayout.IsStored(n.Key)));
            if (pending.Count >= Chunk && await CompareAsync(tree, pending, ct).ConfigureAwait(false) is { } bad)
                return new TreeVerification(false, frontier.Size, 0, bad);
        }
        if (await CompareAsync(tree, pending, ct).ConfigureAwait(false) is { } last)
            return new TreeVerification(false, frontier.Size, 0, last);
        var stored = await tree.TreeSizeAsync(ct).ConfigureAwait(false);
        // a larger tree is a live log that grew after the walk; a smaller one lacks rows
        if (stored < frontier.Size)
            return new TreeVerification(false, frontier.Size, 0, $"the tree covers {stored} leaves but the log holds {frontier.Size} events");
        // every stored node now equals the rebuilt one, so roots read from the store are the events' roots
        var reader = new LogTreeReader(log, tree);
        foreach (var head in heads)
        {
            if (head.TreeSize < 1 || head.TreeSize > frontier.Size)
                return new TreeVerification(false, frontier.Size, 0, $"the signed head of size {head.TreeSize} is beyond the log's {frontier.Size} events");
            var root = await reader.RootAsync(head.TreeSize, ct).ConfigureAwait(false);
            if (root.Hex != head.RootHashHex)
                return new TreeVerification(false, frontier.Size, 0, $"the signed head of size {head.TreeSize} has root {head.RootHashHex}, the events give {root.Hex}");
        }
        return new TreeVerification(true, frontier.Size, heads.Count, null);
    }

    private static async Task<string?> CompareAsync(ILogTree tree, List<(TreeNodeKey Key, Sha256Hash Hash)> expected, CancellationToken ct)
    {
        if (expected.Count == 0) return null;
        var stored = await tree.NodesAsync([.. expected.Select(e => e.Key)], ct).ConfigureAwait(false);
        string? problem = null;
        foreach (var (key, hash) in expected)
        {
            if (!stored.TryGetValue(key, out var s)) { problem = $"tree node {key} (from leaf {key.FirstLeaf}, sequence {key.FirstLeaf + 1}) is missing"; break; }
            if (s != hash) { problem = $"tree node {key} (from leaf {key.FirstLeaf}, sequence {key.FirstLeaf + 1}) differs from the events"; break; }
        }
        expected.Clear();
        return problem;
    }
}
