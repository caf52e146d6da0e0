using CcTsa.Contracts.Hashing;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>The last stored event's sequence (0 when empty) and hash (zero hash when empty).</summary>
public sealed record ChainHead(long Sequence, Sha256Hash Hash)
{
    public static ChainHead Empty { get; } = new(0, HashChain.Genesis);
}
