namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// A signed tree head (LogHeadSigned) an audit walk checked: the event's sequence, the head's size,
/// root and timestamp, whether its token's signature and imprint were verified (false: no
/// certificates at hand) and where its root was recomputed: from the events on the walk itself, or
/// from the stored tree (an incremental walk, or a head far behind its size).
/// </summary>
public sealed record CheckedHead(long Sequence, long TreeSize, string RootHashHex, DateTimeOffset Timestamp, bool TokenVerified, HeadRootSource RootFrom);

/// <summary>What a signed head's root was compared with.</summary>
public enum HeadRootSource
{
    /// <summary>The tree rebuilt from the events during the walk.</summary>
    Events,

    /// <summary>The stored tree (its nodes are checked against the events by `audit verify`'s tree check).</summary>
    StoredTree,

    /// <summary>Not compared: the log keeps no Merkle tree and the walk could not rebuild it.</summary>
    NotChecked,
}
