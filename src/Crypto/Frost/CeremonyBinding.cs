using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Everything one ceremony is about, as each participant derives it for itself: ceremony id, kind,
/// key epoch, threshold t, the participant set (its size is n) and the SHA-256 of the public key
/// package the ceremony starts from (all zero for a DKG, which starts from nothing). It goes into
/// the proof-of-knowledge challenge, every seal context and the round-1 transcript hash, so a
/// package or sealed secret made for one ceremony is worthless in any other one: an old round-1
/// package fails its proof, an old sealed share fails to open, and a relay that feeds participants
/// different parameters is caught when their transcripts are compared.
/// </summary>
public sealed class CeremonyBinding
{
    public const int HashSize = 32;
    private readonly byte[] _encoding;

    public CeremonyBinding(CeremonyId ceremony, string kind, int epoch, int threshold,
        IEnumerable<ParticipantId> participants, ReadOnlySpan<byte> publicKeysHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(participants);
        if (publicKeysHash.Length != HashSize) throw new ArgumentException("Expected a SHA-256 of the public key package.", nameof(publicKeysHash));
        Ceremony = ceremony;
        Kind = kind;
        Epoch = epoch;
        Threshold = threshold;
        // sorted and distinct: the set, not the order the control plane happened to list it in
        Participants = [.. participants.Distinct().Order()];
        PublicKeysHash = publicKeysHash.ToArray();
        _encoding = Encode();
        Digest = SHA256.HashData(_encoding);
    }

    public CeremonyId Ceremony { get; }

    public string Kind { get; }

    public int Epoch { get; }

    public int Threshold { get; }

    public IReadOnlyList<ParticipantId> Participants { get; }

    public int MaxSigners => Participants.Count;

    public byte[] PublicKeysHash { get; }

    /// <summary>SHA-256 of <see cref="Encoding"/>: what seal contexts carry.</summary>
    public byte[] Digest { get; }

    /// <summary>Canonical, length-prefixed encoding (domain-separated, versioned).</summary>
    public ReadOnlySpan<byte> Encoding => _encoding;

    /// <summary>The hash standing for "no public key package yet" (DKG).</summary>
    public static byte[] NoPublicKeys => new byte[HashSize];

    /// <summary>SHA-256 of a public key package's canonical bytes.</summary>
    public static byte[] HashOf(PublicKeyPackage publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        return SHA256.HashData(publicKeys.ToBytes());
    }

    /// <summary>The same binding with its participant set widened or narrowed is a different binding.</summary>
    public bool Includes(ParticipantId participant) => Participants.Contains(participant);

    private byte[] Encode()
    {
        var o = new List<byte>();
        void Field(ReadOnlySpan<byte> b)
        {
            o.Add((byte)(b.Length >> 8));
            o.Add((byte)b.Length);
            o.AddRange(b);
        }
        void U32(int v) => Field([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        Field("cctsa-ceremony-v1"u8);
        Field(Ceremony.Value.ToByteArray());
        Field(System.Text.Encoding.UTF8.GetBytes(Kind));
        U32(Epoch);
        U32(Threshold);
        U32(Participants.Count);
        Span<byte> id = stackalloc byte[32];
        foreach (var p in Participants)
        {
            p.WriteTo(id);
            Field(id);
        }
        Field(PublicKeysHash);
        return [.. o];
    }

    public override string ToString() => $"CeremonyBinding({Ceremony}, {Kind}, epoch {Epoch}, {Threshold}-of-{MaxSigners})";
}
