using System.Buffers.Binary;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// How threshold ML-DSA-65 rounds ride in the one signing pipeline's messages. Per item, the public
/// material of the response round (ShareItem.Commitments) is: a 20-byte header (the run's RoundId ‖
/// item number, little-endian int32, from 1) that names the participant's open nonce state, then
/// every signer's revealed W in ascending node order. A response share is the accepted-slot bitmap
/// (8 bytes, little-endian) ‖ the packed z shares (198,400 bytes).
/// </summary>
internal static class MlDsaWire
{
    public const int HeaderBytes = 16 + 4;

    public const int ResponseShareBytes = 8 + ThresholdParams.ResponseBytes;

    public static byte[] Header(RoundId run, int item)
    {
        var h = new byte[HeaderBytes];
        run.Value.TryWriteBytes(h);
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(16), item);
        return h;
    }

    public static (RoundId Run, int Item)? ItemHeader(IReadOnlyList<byte[]>? material) =>
        material is [{ Length: HeaderBytes } h, ..] ? (new RoundId(new Guid(h.AsSpan(0, 16))), BinaryPrimitives.ReadInt32LittleEndian(h.AsSpan(16))) : null;

    /// <summary>The reveals after the header, attributed to the signers in ascending order; null on any other shape.</summary>
    public static IReadOnlyList<Reveal>? Reveals(IReadOnlyList<byte[]> material, SignerSet set)
    {
        var members = set.Members;
        if (material.Count != 1 + members.Count || material.Skip(1).Any(r => r is not { Length: ThresholdParams.RevealBytes })) return null;
        return [.. members.Select((p, j) => new Reveal(p, material[1 + j]))];
    }

    public static byte[] Encode(Response response)
    {
        var bytes = new byte[ResponseShareBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, response.Accepted);
        response.Packed.Span.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    public static Response? DecodeResponse(ParticipantId from, byte[]? bytes) =>
        bytes is { Length: ResponseShareBytes } ? new Response(from, BinaryPrimitives.ReadUInt64LittleEndian(bytes), bytes.AsMemory(8)) : null;
}
