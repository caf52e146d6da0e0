using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa;

/// <summary>Round 2's broadcast: W, the 62 slots' w = A·ŷ + ê, 6 polynomials each, 23-bit packed (273,792 bytes).</summary>
public sealed class Reveal(ParticipantId from, ReadOnlyMemory<byte> packed)
{
    public ParticipantId From { get; } = from;

    public ReadOnlyMemory<byte> Packed { get; } = packed;

    public override string ToString() => $"Reveal({From}, {Packed.Length} B)";
}
