using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Round 3's message to the combiner: which of the 62 slots the party accepted (bit κ) and, per slot,
/// its z share in the FIPS 204 z encoding (zero for a rejected slot), 198,400 bytes. The explicit
/// bitmap replaces the reference's "a zero z means rejected" signal.
/// </summary>
public sealed class Response(ParticipantId from, ulong accepted, ReadOnlyMemory<byte> packed)
{
    public ParticipantId From { get; } = from;

    public ulong Accepted { get; } = accepted;

    public ReadOnlyMemory<byte> Packed { get; } = packed;

    public override string ToString() => $"Response({From}, {ulong.PopCount(Accepted)} slots)";
}
