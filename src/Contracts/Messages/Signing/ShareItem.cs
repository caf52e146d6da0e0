namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// One prepared message to co-sign, the evidence the purpose checks it against, and the signers'
/// commitments. Head: the tree head the item's TSTInfo time-stamps (null for ordinary tokens);
/// a participant then checks the TSTInfo imprint against it and never signs a smaller head than
/// one it already signed.
/// </summary>
public sealed record ShareItem(byte[] Message, byte[] Evidence, IReadOnlyList<byte[]> Commitments, LogHead? Head = null);
