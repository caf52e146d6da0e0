namespace CcTsa.Signer.Coordinator;

/// <summary>
/// One attempt's result: signatures, or why it failed, whom to exclude next time, who cheated and
/// who never answered. Fatal: this coordinator cannot sign at all (its own part failed), so
/// another subset would not help. Late: peers that refused only because the genTime reached them
/// too old — not excluded the first time (the next attempt stamps again), excluded if late again.
/// </summary>
internal sealed record RoundOutcome(IReadOnlyList<byte[]?>? Signatures, string? Reason, IReadOnlyList<NodeId> Exclude,
    IReadOnlyList<NodeId> Culprits, IReadOnlyList<NodeId> Silent, bool Fatal, IReadOnlyList<NodeId>? Late = null)
{
    /// <summary>Signatures per item; null for an item the scheme itself rejected (to be stamped and run again).</summary>
    public static RoundOutcome Signed(IReadOnlyList<byte[]?> signatures) => new(signatures, null, [], [], [], false);

    public static RoundOutcome Retry(string reason, IReadOnlyList<NodeId> exclude, IReadOnlyList<NodeId> culprits, IReadOnlyList<NodeId> silent) =>
        new(null, reason, exclude, culprits, silent, false);

    public static RoundOutcome Abort(string reason) => new(null, reason, [], [], [], true);
}
