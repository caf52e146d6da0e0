using System.Globalization;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// The signed tree heads (LogHeadSigned) an <see cref="AuditVerifier"/> walk meets. Each must cover
/// only events before it, carry a token that stamps exactly its size and root (when certificates
/// are at hand) and name the root the events give at its size, so editing, truncating or
/// reordering events below a signed head fails and names that head. On a walk from sequence 1 the
/// tree is rebuilt from the events alongside: a frontier snapshot every <see cref="Step"/> leaves
/// and the last leaf hashes give the root of any recent size (a head follows its size by a few
/// events) without a root per row. A head further behind, or met on an incremental walk (no
/// frontier below its start), is compared afterwards with the root the stored tree gives.
/// </summary>
internal sealed class SignedHeadWalk(AnchorTokenCheck? tokens, bool fromGenesis)
{
    private const int Step = 64;
    private readonly MerkleFrontier? _frontier = fromGenesis ? new MerkleFrontier() : null;
    private readonly Sha256Hash[] _leaves = new Sha256Hash[2 * Step];
    private MerkleFrontier _current = new();
    private MerkleFrontier? _previous;
    private readonly List<(long Seq, LogHeadSigned Head, Sha256Hash Root, bool TokenVerified)> _deferred = [];
    private readonly List<CheckedHead> _checked = [];

    public IReadOnlyList<CheckedHead> Checked => [.. _checked.OrderBy(h => h.Sequence)];

    /// <summary>Adds the leaf of the next row of the walk (ignored on an incremental walk).</summary>
    public void Leaf(StoredEvent row)
    {
        if (_frontier is null) return;
        var leaf = LogEntry.LeafHash(row);
        _leaves[_frontier.Size % _leaves.Length] = leaf;
        _frontier.Append(leaf);
        if (_frontier.Size % Step != 0) return;
        _previous = _current;
        _current = _frontier.Clone();
    }

    /// <summary>Checks the head recorded at <paramref name="seq"/>; the first bad sequence and why, or null.</summary>
    public (long Seq, string Reason)? Head(long seq, LogHeadSigned head)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"log_head_signed at sequence {seq} (tree size {head.TreeSize})");
        if (head.TreeSize < 1 || head.TreeSize >= seq)
            return (seq, $"{name} covers events that do not all precede it");
        if (!Sha256Hash.TryParse(head.RootHashHex, out var recorded))
            return (seq, $"{name} records no valid root hash");
        var tokenVerified = false;
        if (tokens is not null)
        {
            if (tokens.CheckHead(head.TokenBase64, head.TreeSize, recorded) is { } why)
                return (seq, $"{name}: {why}");
            tokenVerified = true;
        }
        if (RootAt(head.TreeSize) is not { } root)
        {
            _deferred.Add((seq, head, recorded, tokenVerified));
            return null;
        }
        if (Compare(seq, head, recorded, root) is { } bad) return bad;
        _checked.Add(new CheckedHead(seq, head.TreeSize, head.RootHashHex, head.Timestamp, tokenVerified, HeadRootSource.Events));
        return null;
    }

    /// <summary>The heads the walk could not rebuild a root for, against the stored tree; the first bad one, or null.</summary>
    public async Task<(long Seq, string Reason)?> CheckDeferredAsync(IEventLog log, CancellationToken ct)
    {
        if (_deferred.Count == 0) return null;
        if (log is not ILogTree tree)
        {
            foreach (var (seq, head, _, verified) in _deferred)
                _checked.Add(new CheckedHead(seq, head.TreeSize, head.RootHashHex, head.Timestamp, verified, HeadRootSource.NotChecked));
            return null;
        }
        var stored = await tree.TreeSizeAsync(ct).ConfigureAwait(false);
        var reader = new LogTreeReader(log, tree);
        foreach (var (seq, head, recorded, verified) in _deferred)
        {
            if (head.TreeSize > stored)
                return (head.TreeSize, string.Create(CultureInfo.InvariantCulture,
                    $"log_head_signed at sequence {seq} covers {head.TreeSize} events but the stored tree only {stored}: the log was truncated below a signed head"));
            Sha256Hash root;
            try { root = await reader.RootAsync(head.TreeSize, ct).ConfigureAwait(false); }
            catch (TreeIncompleteException e)
            {
                return (head.TreeSize, string.Create(CultureInfo.InvariantCulture, $"log_head_signed at sequence {seq} (tree size {head.TreeSize}): {e.Message}"));
            }
            if (Compare(seq, head, recorded, root) is { } bad) return bad;
            _checked.Add(new CheckedHead(seq, head.TreeSize, head.RootHashHex, head.Timestamp, verified, HeadRootSource.StoredTree));
        }
        return null;
    }

    private static (long Seq, string Reason)? Compare(long seq, LogHeadSigned head, Sha256Hash recorded, Sha256Hash root) =>
        root == recorded ? null : (head.TreeSize, string.Create(CultureInfo.InvariantCulture,
            $"log_head_signed at sequence {seq} records root {recorded.Hex} for tree size {head.TreeSize}, but the events give {root.Hex}: the log was rewritten below the signed head"));

    // the root at a recent size: the last snapshot at or below it, plus the leaves since
    private Sha256Hash? RootAt(long size)
    {
        if (_frontier is null || size > _frontier.Size) return null;
        var from = size >= _current.Size ? _current : _previous;
        if (from is null || size < from.Size) return null;
        var f = from.Clone();
        for (var i = from.Size; i < size; i++) f.Append(_leaves[i % _leaves.Length]);
        return f.Root();
    }
}
