namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>What a monitor concludes from the head it stored and the head it just fetched.</summary>
public enum HeadVerdict
{
    /// <summary>The new head extends (or equals) the stored one.</summary>
    Consistent,

    /// <summary>The log got smaller: history was deleted or truncated.</summary>
    Rollback,

    /// <summary>Same size, other root, or the consistency proof fails: the log was rewritten or a fork is served.</summary>
    Fork,
}
