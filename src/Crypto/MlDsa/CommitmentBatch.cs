using System.Buffers;
using System.Runtime.Intrinsics;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// <see cref="SlotCodec.CommitmentHash"/> of several reveals at once, the same bytes: up to four
/// per AVX2 Keccak permutation (<see cref="Shake256x4"/>), as a signer checks the two others'
/// reveals in Round 3 and a coordinator all three. A lone reveal, or no AVX2, goes through OpenSSL,
/// which is faster for one stream. Reveals are public: the copies need no wiping.
/// </summary>
internal static class CommitmentBatch
{
    /// <summary>The commitment hash of each (party index, W); every W is <see cref="ThresholdParams.RevealBytes"/> long.</summary>
    public static byte[][] Hash(MlDsaPublicKey pk, MlDsaSession session, IReadOnlyList<(int PartyIndex, ReadOnlyMemory<byte> Revealed)> reveals)
    {
        var hashes = new byte[reveals.Count][];
        var first = 0;
        if (Shake256x4.IsSupported)
        {
            for (; reveals.Count - first >= 2; first += 4) HashGroup(pk, session, reveals, first, Math.Min(4, reveals.Count - first), hashes);
        }
        for (var i = first; i < reveals.Count; i++) hashes[i] = SlotCodec.CommitmentHash(pk, session, reveals[i].PartyIndex, reveals[i].Revealed.Span);
        return hashes;
    }

    private static void HashGroup(MlDsaPublicKey pk, MlDsaSession session, IReadOnlyList<(int PartyIndex, ReadOnlyMemory<byte> Revealed)> reveals,
        int first, int count, byte[][] hashes)
    {
        var length = SlotCodec.CommitmentPrefix(pk, session, 0).Length + ThresholdParams.RevealBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(count * length);
        try
        {
            for (var k = 0; k < count; k++)
            {
                var (party, revealed) = reveals[first + k];
                if (revealed.Length != ThresholdParams.RevealBytes)
                    throw new ArgumentException($"reveal {first + k} is {revealed.Length} bytes, not {ThresholdParams.RevealBytes}; check lengths before hashing.", nameof(reveals));
                var input = buffer.AsSpan(k * length, length);
                var prefix = SlotCodec.CommitmentPrefix(pk, session, party);
                prefix.CopyTo(input);
                revealed.Span.CopyTo(input[prefix.Length..]);
                hashes[first + k] = new byte[ThresholdParams.CommitmentBytes];
            }
            // Lanes past count repeat the last reveal into its own hash: same bytes written twice.
            Span<Vector256<ulong>> state = stackalloc Vector256<ulong>[Shake256x4.StateLanes];
            ReadOnlySpan<byte> In(int k) => buffer.AsSpan(Math.Min(k, count - 1) * length, length);
            Span<byte> Out(int k) => hashes[first + Math.Min(k, count - 1)];
            Shake256x4.HashData(In(0), In(1), In(2), In(3), Out(0), Out(1), Out(2), Out(3), state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
