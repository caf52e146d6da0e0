using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa;

/// <summary>Round 1's broadcast: H(domain ‖ tr ‖ session ‖ party ‖ W), 32 bytes.</summary>
public sealed class Commitment(ParticipantId from, ReadOnlyMemory<byte> hash)
{
    public ParticipantId From { get; } = from;

    public ReadOnlyMemory<byte> Hash { get; } = hash;

    public override string ToString() => $"Commitment({From})";
}
