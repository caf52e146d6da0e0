using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>
/// Bytes of the DKG's public broadcasts as the ceremony messages carry them: sender index (1 byte),
/// then fixed-size fields, so a decoder only checks lengths and the sender. Decode answers null on
/// any other shape; the caller names the sender (it signed the carrying message).
/// </summary>
public static class DkgWire
{
    private const int HashBytes = 32;

    /// <summary>party ‖ H(ρ_i) ‖ 6 × H(r_{i,S}): 225 bytes.</summary>
    public const int CommitmentsBytes = 1 + HashBytes + ThresholdParams.SubsetsPerParty * HashBytes;

    /// <summary>party ‖ M_i (K polys, 23-bit packed) ‖ 6 × D_S.</summary>
    public const int MaskedKeyBytes = 1 + MlDsa65.K * MlDsa65.FullPolyBytes + ThresholdParams.SubsetsPerParty * HashBytes;

    public static byte[] Encode(DkgCommitments c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return [(byte)c.From.Value, .. c.RhoCommitment.Span, .. c.SeedCommitments.SelectMany(s => s.ToArray())];
    }

    public static DkgCommitments? DecodeCommitments(ReadOnlySpan<byte> bytes, ParticipantId expectedFrom)
    {
        if (bytes.Length != CommitmentsBytes || bytes[0] != expectedFrom.Value) return null;
        return new DkgCommitments(expectedFrom, bytes.Slice(1, HashBytes).ToArray(), Hashes(bytes[(1 + HashBytes)..]));
    }

    public static byte[] Encode(DkgMaskedKey m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return [(byte)m.From.Value, .. m.Masked.Span, .. m.ShareCommitments.SelectMany(s => s.ToArray())];
    }

    public static DkgMaskedKey? DecodeMaskedKey(ReadOnlySpan<byte> bytes, ParticipantId expectedFrom)
    {
        if (bytes.Length != MaskedKeyBytes || bytes[0] != expectedFrom.Value) return null;
        var maskedEnd = 1 + MlDsa65.K * MlDsa65.FullPolyBytes;
        return new DkgMaskedKey(expectedFrom, bytes[1..maskedEnd].ToArray(), Hashes(bytes[maskedEnd..]));
    }

    /// <summary>ceremony id (16 bytes) ‖ pkEncode ‖ the 10 D_S in <see cref="SubsetMask.All"/> order.</summary>
    public const int TranscriptBytes = 16 + MlDsa65.PublicKeyBytes + ThresholdParams.SubsetCount * HashBytes;

    /// <summary>The DKG transcript as a repair carries it to a replacement node (public data only).</summary>
    public static byte[] Encode(DkgTranscript t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return [.. t.Ceremony.Value.ToByteArray(), .. t.PublicKey.Encoding, .. SubsetMask.All.SelectMany(s => t.ShareCommitments[s].ToArray())];
    }

    /// <summary>A transcript of the fixed shape; null on any other length.</summary>
    public static DkgTranscript? DecodeTranscript(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != TranscriptBytes) return null;
        var ceremony = new Contracts.Ids.CeremonyId(new Guid(bytes[..16]));
        var key = MlDsaPublicKey.Decode(bytes.Slice(16, MlDsa65.PublicKeyBytes));
        var tail = bytes[(16 + MlDsa65.PublicKeyBytes)..];
        var commitments = new Dictionary<SubsetMask, ReadOnlyMemory<byte>>();
        for (var k = 0; k < SubsetMask.All.Count; k++) commitments[SubsetMask.All[k]] = tail.Slice(k * HashBytes, HashBytes).ToArray();
        return new DkgTranscript(ceremony, key, commitments);
    }

    /// <summary>The 6 per-subset 32-byte hashes that end both broadcasts.</summary>
    private static ReadOnlyMemory<byte>[] Hashes(ReadOnlySpan<byte> tail)
    {
        var hashes = new ReadOnlyMemory<byte>[ThresholdParams.SubsetsPerParty];
        for (var k = 0; k < hashes.Length; k++) hashes[k] = tail.Slice(k * HashBytes, HashBytes).ToArray();
        return hashes;
    }

    /// <summary>A ρ reveal is the sender's 32 bytes; null when it has another length.</summary>
    public static DkgRhoReveal? DecodeRho(ReadOnlySpan<byte> bytes, ParticipantId from) =>
        bytes.Length == HashBytes ? new DkgRhoReveal(from, bytes.ToArray()) : null;
}
