using System.Buffers.Binary;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// The public data of a P-384 key share generation — key sid, threshold, participants with their
/// public shares X_j, group key — in one canonical encoding, so every helper of a repair sends the
/// replacement the same bytes (bound by the repair's seal context, like the FROST public package).
/// </summary>
public sealed record P384PublicPackage(byte[] Sid, int Threshold, IReadOnlyList<ParticipantId> Participants,
    IReadOnlyDictionary<ParticipantId, P384Point> PublicShares, P384Point PublicKey)
{
    public static P384PublicPackage Of(KeyShare key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Sid, key.Threshold, key.Participants, key.PublicShares, key.PublicKey);
    }

    /// <summary>32-byte sid ‖ t ‖ n ‖ (id ‖ X_id)* in id order ‖ PK.</summary>
    public byte[] ToBytes()
    {
        var ordered = Participants.Order().ToList();
        var b = new byte[32 + 2 + 2 + (ordered.Count * (2 + P384Point.CompressedSize)) + P384Point.CompressedSize];
        Sid.CopyTo(b, 0);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(32), (ushort)Threshold);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(34), (ushort)ordered.Count);
        var at = 36;
        foreach (var p in ordered)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), (ushort)p.Value);
            PublicShares[p].Encode().CopyTo(b, at + 2);
            at += 2 + P384Point.CompressedSize;
        }
        PublicKey.Encode().CopyTo(b, at);
        return b;
    }

    public static P384PublicPackage? FromBytes(ReadOnlySpan<byte> b)
    {
        if (b.Length < 36) return null;
        int t = BinaryPrimitives.ReadUInt16BigEndian(b[32..]);
        int n = BinaryPrimitives.ReadUInt16BigEndian(b[34..]);
        if (n is < 2 or > 255 || t < 2 || t > n || b.Length != 36 + (n * (2 + P384Point.CompressedSize)) + P384Point.CompressedSize) return null;
        var shares = new Dictionary<ParticipantId, P384Point>();
        var at = 36;
        for (var k = 0; k < n; k++)
        {
            int id = BinaryPrimitives.ReadUInt16BigEndian(b[at..]);
            if (id == 0 || !P384Point.TryDecode(b.Slice(at + 2, P384Point.CompressedSize), out var x) || !shares.TryAdd(ParticipantId.FromIndex(id), x)) return null;
            at += 2 + P384Point.CompressedSize;
        }
        if (!P384Point.TryDecode(b[at..], out var pk)) return null;
        return new P384PublicPackage(b[..32].ToArray(), t, [.. shares.Keys.Order()], shares, pk);
    }

    public override string ToString() => $"P384PublicPackage(t={Threshold}, n={Participants.Count})";
}
