using System.Buffers.Binary;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>Refresh round-1 broadcast over P-384: commitments A_1..A_{t−1} (A_0 is the identity: zero constant term).</summary>
public sealed record P384RefreshRound1(ParticipantId From, byte[][] Encoded)
{
    /// <summary>The full commitment vector [∞, A_1..A_{t−1}] for threshold t; null when it has the wrong length or a bad point.</summary>
    public P384Point[]? Commitments(int threshold)
    {
        if (Encoded is null || Encoded.Length != threshold - 1) return null;
        var points = new P384Point[threshold];
        points[0] = P384Point.Identity;
        for (var k = 1; k < threshold; k++)
            if (!P384Point.TryDecode(Encoded[k - 1], out points[k]) || points[k].IsIdentity) return null;
        return points;
    }

    /// <summary>sender ‖ count ‖ compressed points.</summary>
    public byte[] ToBytes()
    {
        var b = new byte[6 + (Encoded.Length * P384Point.CompressedSize)];
        BinaryPrimitives.WriteInt32BigEndian(b, From.Value);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), (ushort)Encoded.Length);
        for (var k = 0; k < Encoded.Length; k++)
        {
            if (Encoded[k].Length != P384Point.CompressedSize) throw new InvalidOperationException("Commitment is not a compressed P-384 point.");
            Encoded[k].CopyTo(b, 6 + (k * P384Point.CompressedSize));
        }
        return b;
    }

    public static P384RefreshRound1? FromBytes(byte[]? b)
    {
        if (b is null || b.Length < 6) return null;
        var from = BinaryPrimitives.ReadInt32BigEndian(b);
        int count = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(4));
        if (from is <= 0 or > ParticipantId.MaxValue || count > 255 || b.Length != 6 + (count * P384Point.CompressedSize)) return null;
        var points = new byte[count][];
        for (var k = 0; k < count; k++) points[k] = b.AsSpan(6 + (k * P384Point.CompressedSize), P384Point.CompressedSize).ToArray();
        return new P384RefreshRound1(ParticipantId.FromIndex(from), points);
    }

    public override string ToString() => $"P384RefreshRound1({From})";
}
