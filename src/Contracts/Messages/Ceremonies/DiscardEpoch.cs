namespace CcTsa.Contracts.Messages.Ceremonies;

/// <summary>Control plane → nodes: zeroize and forget every share of an epoch (after revocation or re-key).</summary>
public sealed record DiscardEpoch(KeyEpoch Epoch, string Reason);
