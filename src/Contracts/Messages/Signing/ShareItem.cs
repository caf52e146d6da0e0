namespace CcTsa.Contracts.Messages.Signing;

/// <summary>One prepared message to co-sign, the evidence the purpose checks it against, and the signers' commitments.</summary>
public sealed record ShareItem(byte[] Message, byte[] Evidence, IReadOnlyList<byte[]> Commitments);
